import { z } from 'zod';

/**
 * What the API says about a file too large to diff or merge line by line (core/diff's limits):
 * why, the limits in force, and each side's size and hash, so a client can still tell whether
 * two files are the same and fetch them whole. Wire shapes: add fields, never rename these.
 */
export const TextSize = z.object({
  bytes: z.number().int().describe('UTF-8 bytes'),
  lines: z.number().int(),
  sha256: z.string().describe('hex sha256 of the UTF-8 content (the key of the stored file)'),
});
export type TextSize = z.infer<typeof TextSize>;

export const DiffLimitsOut = z.object({
  maxEditLength: z
    .number()
    .int()
    .describe('inserted plus removed lines beyond which a file is not diffed line by line'),
  timeoutMs: z.number().int().describe('milliseconds one file may take'),
});

const tooLarge = {
  reason: z
    .enum(['edit-length', 'timeout'])
    .describe('edit-length: more changed lines than maxEditLength; timeout: not done within timeoutMs'),
  message: z.string(),
  limits: DiffLimitsOut,
};

export const DiffTooLarge = z
  .object({ ...tooLarge, old: TextSize, new: TextSize })
  .describe('too large to diff line by line: no hunks, counted as wholly replaced');
export type DiffTooLarge = z.infer<typeof DiffTooLarge>;

export const MergeTooLarge = z
  .object({ ...tooLarge, base: TextSize, ours: TextSize, theirs: TextSize })
  .describe('too large to merge line by line: the whole file is one conflict holding both sides');
export type MergeTooLarge = z.infer<typeof MergeTooLarge>;

// ---- what compare, rollback, merge and regenerate answer with (core/diff diffFileSets) ----

export const DiffLine = z.object({
  kind: z.enum(['context', 'add', 'remove']),
  text: z.string(),
  oldLine: z.number().int().optional(),
  newLine: z.number().int().optional(),
  noNewlineAtEof: z.literal(true).optional(),
});
export type DiffLine = z.infer<typeof DiffLine>;

export const Hunk = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  collapsedBefore: z.number().int(),
  lines: z.array(DiffLine),
});
export type Hunk = z.infer<typeof Hunk>;

export const FileDiffOut = z.object({
  path: z.string(),
  status: z.enum(['added', 'removed', 'modified', 'unchanged']),
  added: z.number().int(),
  removed: z.number().int(),
  hunks: z.array(Hunk),
  unified: z.string(),
  collapsedAfter: z.number().int(),
  tooLarge: DiffTooLarge.optional(),
});
export type FileDiffOut = z.infer<typeof FileDiffOut>;

export const DiffStatsOut = z.object({
  filesAdded: z.number().int(),
  filesRemoved: z.number().int(),
  filesModified: z.number().int(),
  filesUnchanged: z.number().int(),
  linesAdded: z.number().int(),
  linesRemoved: z.number().int(),
});
export type DiffStatsOut = z.infer<typeof DiffStatsOut>;

/** A diff of two file sets. */
export const DiffOut = z.object({ files: z.array(FileDiffOut), stats: DiffStatsOut });
export type DiffOut = z.infer<typeof DiffOut>;
