// The server's side of the embedded database's thread (pglite-worker.js): Prisma's driver
// adapter and the migrator's raw SQL, forwarded as messages. Statements run on the worker; the
// event loop only waits for their answers, so other requests keep being served meanwhile.
import { Worker } from 'node:worker_threads';
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils';
import type { RawSql } from './raw-sql.js';

interface SerializedError {
  name: string;
  message: string;
  fields?: Record<string, string>;
  cause?: Record<string, unknown>;
}

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** The same error on this side: Prisma recognises a driver error by its name and cause. */
function revive(e: SerializedError): Error {
  if (e.name === 'DriverAdapterError' && e.cause)
    return new DriverAdapterError(e.cause as ConstructorParameters<typeof DriverAdapterError>[0]);
  return Object.assign(new Error(e.message), { name: e.name === 'Error' ? 'Error' : e.name }, e.fields ?? {});
}

export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: Answer) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.ok) waiting.resolve(m.value);
      else waiting.reject(revive(m.error));
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database thread exited (code ${code})`)));
  }

  /** Starts the thread and opens the database in `dataDir` (undefined: in memory). */
  static async start(dataDir: string | undefined): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`the embedded database could not start: ${err.message}`));
      worker.once('error', onError);
      worker.once('exit', (code) =>
        reject(new Error(`the embedded database could not start (thread exited with code ${code})`)),
      );
      worker.once('message', () => {
        worker.off('error', onError);
        worker.removeAllListeners('exit');
        resolve();
      });
    });
    return new PGliteThread(worker);
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  /** Closes the database (its data directory is consistent afterwards) and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) await this.call('close').catch(() => undefined);
    this.failure ??= new Error('the embedded database is closed');
    await this.worker.terminate();
  }

  /** A Prisma driver adapter factory whose statements run on the thread. */
  prismaAdapter(): SqlDriverAdapterFactory {
    // The adapter's methods have their own `this` (Prisma calls them on the adapter).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const thread = this;
    return {
      provider: 'postgres',
      adapterName: 'pglite-thread',
      async connect(): Promise<SqlDriverAdapter> {
        return {
          ...queryable(thread, undefined),
          executeScript: (script: string) => thread.call<void>('adapter.script', { script }),
          async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
            const { txId, options } = await thread.call<{ txId: number; options: TransactionOptions }>(
              'adapter.begin',
              { isolationLevel },
            );
            return {
              ...queryable(thread, txId),
              options,
              commit: () => thread.call<void>('adapter.commit', { txId }),
              rollback: () => thread.call<void>('adapter.rollback', { txId }),
            };
          },
          getConnectionInfo: () => ({ supportsRelationJoins: true }),
          dispose: async () => undefined,
        };
      },
    };
  }

  /** The migrator's raw SQL over the thread. */
  rawSql(txId?: number): RawSql {
    // The adapter's methods have their own `this` (Prisma calls them on the adapter).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const thread = this;
    return {
      query: <T>(sql: string, params: unknown[] = []) => thread.call<T[]>('raw.query', { txId, sql, params }),
      exec: (sql: string) => thread.call<void>('raw.exec', { txId, sql }),
      script: <T>(sql: string) => thread.call<T[]>('raw.script', { txId, sql }),
      async transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T> {
        if (txId !== undefined) return fn(this);
        const tx = await thread.call<number>('raw.begin');
        let result: T;
        try {
          result = await fn(thread.rawSql(tx));
        } catch (err) {
          await thread.call('raw.end', { txId: tx, commit: false }).catch(() => undefined);
          throw err;
        }
        await thread.call('raw.end', { txId: tx, commit: true });
        return result;
      },
    };
  }
}

function queryable(thread: PGliteThread, txId: number | undefined) {
  return {
    provider: 'postgres' as const,
    adapterName: 'pglite-thread',
    queryRaw: (query: SqlQuery) => thread.call<SqlResultSet>('adapter.query', { txId, query }),
    executeRaw: (query: SqlQuery) => thread.call<number>('adapter.execute', { txId, query }),
  };
}
