// Syncs: the pipeline (a request's text, then run), reading one back, reviewing its proposals, undoing it.
export { syncFromText, type SyncServices } from './request.js';
export { runSync } from './run.js';
export { getSync } from './read.js';
export { decide } from './decisions.js';
export { undoSync } from './undo.js';
export { latestSpecIfValid, latestSpecOf } from './latest-design.js';
