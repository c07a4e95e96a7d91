// @ts-check
// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) executes every
// statement synchronously on the thread that owns it, so on the server's thread a sync's big
// inserts stopped every other request (measured: ~1.9 s of a 300-component sync's 5 s was
// PGlite's WebAssembly, bench/responsiveness.bench.ts). Here it runs beside the event loop.
//
// Plain JavaScript: a worker thread starts without the TypeScript loader the tests use. The
// protocol (pglite-thread.ts is the other side): the parent posts { id, op, ...args }; the
// worker answers { id, ok: true, value } or { id, ok: false, error }. Prisma's PGlite adapter
// runs here too, so only its plain query/result objects cross threads (parsers are functions).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

if (!parentPort) throw new Error('pglite-worker.js runs as a worker thread');
const port = parentPort;

/** @type {string | undefined} */
const dataDir = workerData?.dataDir;
const pglite = await PGlite.create(dataDir);
// PGlite has one session, so this lasts as long as the database is open. Zero-filling each new
// 16 MB WAL segment stalled one commit ~150–200 ms in WebAssembly now and then; without it only
// the segment's last byte is written (recovery relies on the records' checksums either way).
await pglite.exec('SET wal_init_zero = off');
const adapter = await new PrismaPGlite(pglite).connect();

/** Prisma's open transactions, by id. @type {Map<number, import('@prisma/driver-adapter-utils').Transaction>} */
const adapterTxs = new Map();
/** Raw (migrator) transactions: the PGlite transaction and how to end it. @type {Map<number, { tx: import('@electric-sql/pglite').Transaction; end: (commit: boolean) => void; done: Promise<unknown> }>} */
const rawTxs = new Map();
let nextTx = 1;

/** @param {any} err */
function serializeError(err) {
  if (!err || typeof err !== 'object') return { name: 'Error', message: String(err) };
  /** @type {Record<string, unknown>} */
  const fields = {};
  // A DatabaseError's fields (code, severity, detail, hint, …), for callers that read them.
  for (const key of [
    'code',
    'severity',
    'detail',
    'hint',
    'position',
    'schema',
    'table',
    'column',
    'constraint',
    'routine',
  ]) {
    if (typeof err[key] === 'string') fields[key] = err[key];
  }
  const cause =
    err.name === 'DriverAdapterError' && err.cause && typeof err.cause === 'object' ? { ...err.cause } : undefined;
  return { name: String(err.name ?? 'Error'), message: String(err.message ?? err), fields, cause };
}

/** @param {number | undefined} txId */
function queryable(txId) {
  if (txId === undefined) return adapter;
  const tx = adapterTxs.get(txId);
  if (!tx) throw new Error(`transaction ${txId} is not open`);
  return tx;
}

/** @param {number | undefined} txId */
function rawQueryable(txId) {
  if (txId === undefined) return pglite;
  const open = rawTxs.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

/** @type {Record<string, (msg: any) => Promise<unknown>>} */
const handlers = {
  'adapter.query': (m) => queryable(m.txId).queryRaw(m.query),
  'adapter.execute': (m) => queryable(m.txId).executeRaw(m.query),
  'adapter.script': (m) => adapter.executeScript(m.script),
  'adapter.begin': async (m) => {
    const tx = await adapter.startTransaction(m.isolationLevel);
    const txId = nextTx++;
    adapterTxs.set(txId, tx);
    return { txId, options: tx.options };
  },
  'adapter.commit': async (m) => {
    const tx = queryable(m.txId);
    adapterTxs.delete(m.txId);
    return /** @type {import('@prisma/driver-adapter-utils').Transaction} */ (tx).commit();
  },
  'adapter.rollback': async (m) => {
    const tx = queryable(m.txId);
    adapterTxs.delete(m.txId);
    return /** @type {import('@prisma/driver-adapter-utils').Transaction} */ (tx).rollback();
  },
  'raw.query': async (m) => (await rawQueryable(m.txId).query(m.sql, m.params ?? [])).rows,
  'raw.exec': async (m) => {
    await rawQueryable(m.txId).exec(m.sql);
  },
  // A script of statements without parameters; the rows of the last one that returns rows.
  'raw.script': async (m) => {
    const results = await rawQueryable(m.txId).exec(m.sql);
    for (let i = results.length - 1; i >= 0; i--) if (results[i]?.fields?.length) return results[i].rows;
    return [];
  },
  'raw.begin': () =>
    new Promise((resolve, reject) => {
      const txId = nextTx++;
      const done = pglite
        .transaction(async (tx) => {
          /** @type {(commit: boolean) => void} */
          let end = () => undefined;
          const ended = new Promise((res) => (end = res));
          rawTxs.set(txId, { tx, end, done });
          resolve(txId);
          // PGlite commits when this returns and rolls back when it throws.
          if (!(await ended)) throw new RollbackSignal();
        })
        .catch((err) => {
          if (!(err instanceof RollbackSignal)) throw err;
        });
      done.catch(reject);
    }),
  'raw.end': async (m) => {
    const open = rawTxs.get(m.txId);
    if (!open) throw new Error(`transaction ${m.txId} is not open`);
    rawTxs.delete(m.txId);
    open.end(Boolean(m.commit));
    await open.done;
  },
  close: async () => {
    await pglite.close();
  },
};

class RollbackSignal extends Error {}

port.on('message', (/** @type {any} */ msg) => {
  const handler = handlers[msg.op];
  Promise.resolve()
    .then(() => {
      if (!handler) throw new Error(`unknown operation ${msg.op}`);
      return handler(msg);
    })
    .then(
      (value) => port.postMessage({ id: msg.id, ok: true, value }),
      (err) => port.postMessage({ id: msg.id, ok: false, error: serializeError(err) }),
    );
});

port.postMessage({ ready: true });
