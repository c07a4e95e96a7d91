// Syncs: the pipeline (run), reading one back, reviewing its proposals, undoing it.
export { runSync, type SyncOptions } from './run.js';
export { findSync, getSync } from './read.js';
export { decide, type DecisionInput } from './decisions.js';
export { undoSync, UNDO_MAX_OPERATIONS, UNDO_WINDOW_MS, type UndoEntry } from './undo.js';
export type { StoredSyncResult } from './result.js';
