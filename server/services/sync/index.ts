// Syncs: the pipeline (a request's text, then run), reading one back, reviewing its proposals, undoing it.
export { syncFromText, type SyncServices } from './request.js';
export { runSync } from './run.js';
export { getSync } from './read.js';
export { decide } from './decisions.js';
export { undoSync } from './undo.js';
export * from './latest-design.js';
export * from './detect.js';
export * from './generate.js';
export * from './names.js';
export * from './validate-off-thread.js';
export * from './validate.js';
