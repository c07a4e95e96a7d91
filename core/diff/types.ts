import type { GeneratedFile } from '../contract/api.js';
import type { DiffTooLarge, MergeTooLarge, TextSize } from '../contract/diff.js';

export type { GeneratedFile, DiffTooLarge, MergeTooLarge, TextSize };

// ---------------------------------------------------------------------------------------------
// Limits (limits.ts)
// ---------------------------------------------------------------------------------------------

/** How much work one file's line diff or three-way merge may do; defaults in DIFF_LIMITS. */
export interface DiffLimits {
  /** Inserted plus removed lines beyond which two texts are not diffed line by line. */
  maxEditLength: number;
  /** Milliseconds one file's diff (or merge) may run before it is given up. */
  timeoutMs: number;
}

export type TooLargeReason = DiffTooLarge['reason'];

// ---------------------------------------------------------------------------------------------
// Line diffs
// ---------------------------------------------------------------------------------------------

export type DiffLineKind = 'context' | 'add' | 'remove';

export interface DiffLine {
  kind: DiffLineKind;
  /**
   * The line without its `\n`. A `\r` of a CRLF ending stays in the text (unless the diff was
   * made with `normalizeEol`), so that applying the hunks reproduces the new text byte for byte.
   */
  text: string;
  /** 1-based line number in the old text; set on `context` and `remove` lines. */
  oldLine?: number;
  /** 1-based line number in the new text; set on `context` and `add` lines. */
  newLine?: number;
  /** The last line of its file, not followed by a newline ("\ No newline at end of file"). */
  noNewlineAtEof?: true;
}

export interface Hunk {
  /**
   * The numbers of the `@@ -oldStart,oldLines +newStart,newLines @@` header, exactly as written
   * there: for a side with 0 lines the start is the line *before* the hunk (0 at file start).
   */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unchanged lines hidden between the previous hunk (or the file start) and this one. */
  collapsedBefore: number;
  lines: DiffLine[];
}

export interface TextDiff {
  /** Unified diff text with `---`/`+++` headers; '' when the texts are equal. */
  unified: string;
  hunks: Hunk[];
  added: number;
  removed: number;
  /** Unchanged lines hidden after the last hunk (0 when there are no hunks). */
  collapsedAfter: number;
  /**
   * Set when the texts were too large to diff line by line within the limits: then there are
   * no hunks, `unified` is '', and the counts are those of a whole replacement.
   */
  tooLarge?: DiffTooLarge;
}

export interface DiffTextOptions {
  /** Defaults: DIFF_LIMITS. */
  limits?: Partial<DiffLimits>;
  /** Unchanged lines shown around each change (default 3). Hunks closer than 2×context merge. */
  context?: number;
  /** Names in the `---` / `+++` headers (default `a` / `b`). */
  oldPath?: string;
  newPath?: string;
  /**
   * Convert CRLF to LF in both texts before diffing, so that line-ending-only differences
   * vanish. Off by default: a CRLF↔LF change is a real change of the stored bytes (as in git).
   * With it on, the hunks apply to the normalized old text.
   */
  normalizeEol?: boolean;
}

// ---------------------------------------------------------------------------------------------
// File-set diffs
// ---------------------------------------------------------------------------------------------

export type FileDiffStatus = 'added' | 'removed' | 'modified' | 'unchanged';

export interface FileDiff {
  path: string;
  status: FileDiffStatus;
  added: number;
  removed: number;
  /** Empty when `includeHunks` is false or the file is unchanged. */
  hunks: Hunk[];
  /** Empty when `includeHunks` is false or the file is unchanged. */
  unified: string;
  collapsedAfter: number;
  /** The file was too large to diff line by line (see TextDiff). */
  tooLarge?: DiffTooLarge;
}

export interface FileSetDiffStats {
  filesAdded: number;
  filesRemoved: number;
  filesModified: number;
  filesUnchanged: number;
  linesAdded: number;
  linesRemoved: number;
}

export interface FileSetDiff {
  /** Sorted by path (UTF-16 code unit order, locale independent). */
  files: FileDiff[];
  /** Always counts every file, whether or not unchanged files are listed. */
  stats: FileSetDiffStats;
}

export interface DiffFileSetsOptions {
  context?: number;
  /** Per file; defaults: DIFF_LIMITS. */
  limits?: Partial<DiffLimits>;
  /** As for `diffText`; a file whose contents differ only in line endings is then `unchanged`. */
  normalizeEol?: boolean;
  /** List unchanged files too (default true). */
  includeUnchanged?: boolean;
  /** Compute hunks and unified text (default true); false gives counts only, for list views. */
  includeHunks?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Three-way merge
// ---------------------------------------------------------------------------------------------

export interface MergeLabels {
  /** After `<<<<<<<`: the developer's customized files. */
  ours: string;
  /** After `|||||||` (diff3 style only): the generated files the customization started from. */
  base: string;
  /** After `>>>>>>>`: the newly generated files. */
  theirs: string;
}

/** `merge`: ours / theirs only (git's default); `diff3`: also the base section. */
export type ConflictStyle = 'merge' | 'diff3';

export interface MergeTextOptions {
  style?: ConflictStyle;
  /** Per file; defaults: DIFF_LIMITS. */
  limits?: Partial<DiffLimits>;
  /** Convert CRLF to LF in all three texts first; the result is then LF. Off by default. */
  normalizeEol?: boolean;
}

export interface ConflictRegion {
  /** 1-based line of the `<<<<<<<` marker in the merged content. */
  startLine: number;
  /** 1-based line of the `>>>>>>>` marker in the merged content (inclusive). */
  endLine: number;
  ours: string[];
  base: string[];
  theirs: string[];
  /** 1-based line in each input where its side of the region starts. */
  oursStart: number;
  baseStart: number;
  theirsStart: number;
}

export interface TextMerge {
  content: string;
  clean: boolean;
  conflicts: ConflictRegion[];
  /**
   * Set when the texts were too large to merge line by line within the limits: then the content
   * is one conflict region of the whole file (ours against theirs), never one side taken silently.
   */
  tooLarge?: MergeTooLarge;
}

export type MergeFileStatus = 'clean' | 'conflict' | 'added' | 'removed' | 'unchanged';

export interface MergedFile {
  path: string;
  /**
   * unchanged: same in base, ours and theirs. clean: merged without conflict, at least one side
   * changed it. added: not in base, in the result. removed: not in the result.
   * conflict: content carries markers (also modify/delete and add/add with different content).
   */
  status: MergeFileStatus;
  /** The merged file; null when `removed`. */
  content: string | null;
  conflicts: ConflictRegion[];
  /** The developer's side differs from base for this path (edited, added or deleted). */
  customized: boolean;
  /** Why a file-level case ended as it did, for warnings (e.g. modify/delete). */
  reason?: string;
  /** The file was too large to merge line by line (see TextMerge); `reason` carries its message. */
  tooLarge?: MergeTooLarge;
}

export interface FileSetMerge {
  /** Sorted by path. */
  files: MergedFile[];
  clean: boolean;
  /** Number of conflict regions over all files. */
  conflicts: number;
  conflictedPaths: string[];
}

export interface MergeFileSetsInput {
  /** Generated files of the version the customization was made against. */
  base: GeneratedFile[];
  /** The developer's customized files. */
  ours: GeneratedFile[];
  /** The newly generated files. */
  theirs: GeneratedFile[];
}

export interface MergeFileSetsOptions extends MergeTextOptions {
  labels?: Partial<MergeLabels>;
  /**
   * By default `ours` is the complete customized set, so a path missing from it was deleted by
   * the developer. Set this when `ours` holds only the edited files: a missing path then means
   * "not customized" (taken as base).
   */
  oursIsPartial?: boolean;
}
