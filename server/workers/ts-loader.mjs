// Runs a TypeScript worker module from source (tests, `tsx`): a worker thread starts without
// the parent's loader, so this registers tsx and re-exports the module's task function.
// Built servers never use it: their workers are plain JavaScript in dist/ (pool.ts).
const { register } = await import('tsx/esm/api');
register();
const entry = process.__tinypool_state__.workerData.entry;
const module = await import(entry);
export default module.default;
