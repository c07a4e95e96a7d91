import type { ComponentChildren } from 'preact';

/** One file of the change under review; `null` means the file does not exist on that side. */
export interface DiffFileInput {
  path: string;
  before: string | null;
  after: string | null;
}

/** One line of the token summary, e.g. "button/danger/bgColor/rest: {control/bgColor/rest} → #cc1a1a (light)". */
export interface TokenChangeLine {
  text: string;
  severity?: 'breaking' | 'feature' | 'fix';
}

export type DiffWarningKind = 'breaking' | 'customized' | 'conflict' | 'info';

export interface DiffWarning {
  kind: DiffWarningKind;
  text: string;
}

export type DiffView = 'unified' | 'split' | 'preview';

export interface DiffViewerProps {
  files: DiffFileInput[];
  /** Summary shown at the top: token changes, one line each. */
  tokenChanges?: TokenChangeLine[];
  /** Prominent warnings: breaking change, preserved customizations, conflicts. */
  warnings?: DiffWarning[];
  /** Initial view; the user switches with the Unified / Split buttons. */
  view?: DiffView;
  /** Lines of context kept around changes before a region collapses (default 3). */
  context?: number;
  /** E.g. "Button 1.2.0 → 1.3.0"; also the accessible name of the viewer ("Diff" without it). */
  title?: string;
  /** What the Preview tab shows (rendered only while it is chosen); no Preview tab without it. */
  preview?: () => ComponentChildren;
}
