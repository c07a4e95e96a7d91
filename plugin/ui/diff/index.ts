/**
 * The diff viewer: a generated component's files before/after, unified or split, with syntax
 * highlighting, collapsed unchanged regions, and the token-change summary and warnings on top.
 * Pure logic lives in rows.ts and highlight.ts (HTML per line), unit-tested on their own.
 */
export { DiffViewer } from './diff-viewer.js';
export type {
  DiffFileInput,
  DiffView,
  DiffViewerProps,
  DiffWarning,
  DiffWarningKind,
  TokenChangeLine,
} from './types.js';
