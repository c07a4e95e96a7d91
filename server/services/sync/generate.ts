// Step 3, generate: the files of every changed component, outside any transaction, on a worker thread.
import pLimit from 'p-limit';
import { generate, type Generated } from '../generation/index.js';
import { WorkerPool } from '../../workers/pool.js';
import type { GenerateAnswer, GenerateTask } from './generate-worker.js';
import type { PhaseTimer } from '../../lib/phases.js';
import type { Changed, Detected, Failed, RejectedBefore, UpToDate } from './detect.js';
import { describeError } from './result.js';
import { TimeSlicer } from '../../lib/event-loop.js';

/** A changed component with its freshly generated files (none when nothing is to generate). */
export interface Prepared extends Changed {
  generated: Generated | undefined;
}

export type Generation = UpToDate | Prepared | Failed | RejectedBefore;

/** Where generation runs: a worker pool (the server), or this thread when none is given. */
export type Generator = WorkerPool<GenerateTask, GenerateAnswer>;

export function generatorPool(): Generator {
  return new WorkerPool<GenerateTask, GenerateAnswer>(import.meta.url, 'generate-worker');
}

/**
 * Generation is pure and per component: one that cannot be generated fails alone. It runs in
 * chunks of `chunkSize` on the generator's thread (a few milliseconds a component added up to
 * a blocked event loop), and `onChunk` receives each chunk as it is ready: the store step
 * writes one while the next is generated. Without a generator, it runs here, yielding every
 * few milliseconds. The answer lists every component in the order of `detected`.
 */
export async function generateComponents(
  detected: Detected[],
  timer: PhaseTimer,
  chunkSize: number,
  onChunk: (chunk: Prepared[]) => void,
  generator?: Generator,
  deferTo?: () => Promise<void>,
): Promise<Generation[]> {
  // Changed components are replaced below, each by its generation or its failure.
  const out = [...detected] as Generation[];
  const changed = detected.flatMap((d, i) => (d.kind === 'changed' ? [{ d, i }] : []));
  const chunks: Array<typeof changed> = [];
  for (let i = 0; i < changed.length; i += chunkSize) chunks.push(changed.slice(i, i + chunkSize));
  const slicer = new TimeSlicer();
  // One chunk at a time, each after the short requests in flight: on a small machine the
  // generator's thread competes with them for a core.
  const turn = pLimit(1);
  await Promise.all(
    chunks.map(async (chunk) => {
      const todo = chunk.filter(({ d }) => d.needsGeneration);
      const answers =
        generator && todo.length
          ? await turn(async () => {
              await deferTo?.();
              return generator.run({
                components: todo.map(({ d }) => ({ name: d.spec.name, inputs: d.detection.inputs })),
              });
            })
          : await generateHere(
              todo.map(({ d }) => d),
              slicer,
            );
      timer.record('generate', answers.ms, { concurrent: true });
      const byIndex = new Map(todo.map(({ i }, k) => [i, answers.results[k]!]));
      const prepared: Prepared[] = [];
      for (const { d, i } of chunk) {
        const answer = byIndex.get(i);
        if (answer && !answer.ok) {
          out[i] = { kind: 'failed', spec: d.spec, message: answer.message };
          continue;
        }
        const p: Prepared = { ...d, generated: answer?.ok ? answer.generated : undefined };
        out[i] = p;
        prepared.push(p);
      }
      if (prepared.length) onChunk(prepared);
    }),
  );
  return out;
}

async function generateHere(changed: Changed[], slicer: TimeSlicer): Promise<GenerateAnswer> {
  const started = performance.now();
  const results: GenerateAnswer['results'] = [];
  for (const d of changed) {
    await slicer.tick();
    try {
      results.push({ ok: true, generated: generate(d.detection.inputs) });
    } catch (err) {
      results.push({ ok: false, message: describeError(err, d.spec.name) });
    }
  }
  return { results, ms: performance.now() - started };
}
