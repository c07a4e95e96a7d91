// A pool of worker threads for pure CPU work (Tinypool), started on first use.
import { Tinypool } from 'tinypool';

/**
 * Where a worker module is: beside the running code. From source (`here` is a .ts file) the
 * module is TypeScript and ts-loader.mjs loads it; built, esbuild wrote `name.js` next to the
 * server (esbuild.config.mjs lists every worker).
 */
function workerFile(here: string, name: string): { filename: string; workerData?: { entry: string } } {
  if (!here.endsWith('.ts')) return { filename: new URL(`./${name}.js`, here).href };
  return {
    filename: new URL('./ts-loader.mjs', import.meta.url).href,
    workerData: { entry: new URL(`./${name}.ts`, here).href },
  };
}

export class WorkerPool<In, Out> {
  private pool: Tinypool | null = null;
  private closed = false;

  /** `here` is the caller's import.meta.url; the module `name` lies in the same folder. */
  constructor(
    private readonly here: string,
    private readonly name: string,
    private readonly threads = 1,
  ) {}

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error(`the ${this.name} pool is closed`));
    this.pool ??= new Tinypool({
      ...workerFile(this.here, this.name),
      minThreads: 1,
      maxThreads: this.threads,
      // Kept warm: a fresh thread validates several times slower until its code is optimized.
      idleTimeout: 10 * 60_000,
    });
    return this.pool.run(input) as Promise<Out>;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.destroy();
  }
}
