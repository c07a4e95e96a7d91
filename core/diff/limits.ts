import { utf8ToBytes } from '@noble/hashes/utils.js';
import { diffArrays, type ArrayChange } from 'diff';
import { sha256Hex } from '../tokens/hash.js';
import { countLines } from './lines.js';
import type { DiffLimits, DiffTooLarge, MergeTooLarge, TextSize, TooLargeReason } from './types.js';

/**
 * The limits of every line diff and three-way merge, on the server and in the UI alike. Myers'
 * diff costs O((N+M)·D) for D changed lines: unbounded, two 10,000-line files that share nothing
 * took 25 s. Past `maxEditLength` changed lines, or `timeoutMs` of work, a file is reported as
 * too large to diff (or merge) line by line, with each side's size and hash.
 */
export const DIFF_LIMITS: Readonly<DiffLimits> = Object.freeze({ maxEditLength: 2000, timeoutMs: 2000 });

export function limitsOf(given: Partial<DiffLimits> | undefined): DiffLimits {
  const limits = { ...DIFF_LIMITS, ...given };
  // A caller bug should be loud, not an unbounded diff.
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return limits;
}

/**
 * jsdiff's options within the limits; none when a side is empty (all insertions or all
 * removals, linear work: an added file is never too large).
 */
export function jsdiffLimits(
  oldText: string,
  newText: string,
  limits: DiffLimits,
): { maxEditLength: number; timeout: number } {
  if (oldText === '' || newText === '') return { maxEditLength: Infinity, timeout: Infinity };
  return { maxEditLength: limits.maxEditLength, timeout: limits.timeoutMs };
}

/** A moment `limits.timeoutMs` from now: one file's diff or merge, all its steps, must end by then. */
export function deadlineOf(limits: DiffLimits): number {
  return Date.now() + limits.timeoutMs;
}

/**
 * A lower bound of the edit length between two sequences, in linear time: every element that
 * one side has more often than the other must be inserted or removed. When it already exceeds the
 * limit, Myers' diff need not run at all (two files that share no line cost a map, not seconds).
 */
export function editLengthLowerBound<T>(a: readonly T[], b: readonly T[]): number {
  const balance = new Map<T, number>();
  for (const x of a) balance.set(x, (balance.get(x) ?? 0) + 1);
  for (const x of b) balance.set(x, (balance.get(x) ?? 0) - 1);
  let bound = 0;
  for (const n of balance.values()) bound += Math.abs(n);
  return bound;
}

export type Alignment<T> = { changes: ArrayChange<T>[] } | { tooLarge: TooLargeReason };

/**
 * jsdiff's Myers diff of two sequences within the limits: the changes, or why it was given up.
 * jsdiff gives no reason when it stops; past the deadline it was the time.
 */
export function alignSequences<T>(
  a: readonly T[],
  b: readonly T[],
  limits: DiffLimits,
  deadline = deadlineOf(limits),
): Alignment<T> {
  // A side without elements is all insertions or all removals: linear, no limit needed.
  if (a.length === 0 || b.length === 0) return { changes: diffArrays(a as T[], b as T[]) };
  if (editLengthLowerBound(a, b) > limits.maxEditLength) return { tooLarge: 'edit-length' };
  const timeout = deadline - Date.now();
  if (timeout < 0) return { tooLarge: 'timeout' };
  const changes = diffArrays(a as T[], b as T[], { maxEditLength: limits.maxEditLength, timeout });
  return changes ? { changes } : { tooLarge: reasonAfter(deadline) };
}

export function reasonAfter(deadline: number): TooLargeReason {
  return Date.now() >= deadline ? 'timeout' : 'edit-length';
}

/**
 * A text as jsdiff's line diff sees it: each line with its `\n` (a `\r` before it stays in the
 * line), the last one without when the text does not end with a newline.
 */
export function lineTokens(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const tokens = parts.map((line) => `${line}\n`);
  if (last !== '') tokens.push(last);
  return tokens;
}

/** Size and identity of a text: its UTF-8 bytes, its lines and the sha256 of those bytes (a stored file's key). */
export function textSize(text: string): TextSize {
  const bytes = utf8ToBytes(text);
  return { bytes: bytes.length, lines: countLines(text), sha256: sha256Hex(bytes) };
}

const number = (n: number): string => n.toLocaleString('en-US');
const sized = (name: string, s: TextSize): string => `${name} ${number(s.lines)} lines, ${number(s.bytes)} bytes`;

function why(reason: TooLargeReason, limits: DiffLimits): string {
  return reason === 'edit-length'
    ? `more than ${number(limits.maxEditLength)} changed lines`
    : `not done within ${number(limits.timeoutMs)} ms`;
}

export function diffTooLarge(
  reason: TooLargeReason,
  limits: DiffLimits,
  oldText: string,
  newText: string,
): DiffTooLarge {
  const old = textSize(oldText);
  const neu = textSize(newText);
  return {
    reason,
    message: `too large to diff line by line: ${why(reason, limits)} (${sized('old', old)}; ${sized('new', neu)})`,
    limits: { ...limits },
    old,
    new: neu,
  };
}

export function mergeTooLarge(
  reason: TooLargeReason,
  limits: DiffLimits,
  texts: { base: string; ours: string; theirs: string },
): MergeTooLarge {
  const base = textSize(texts.base);
  const ours = textSize(texts.ours);
  const theirs = textSize(texts.theirs);
  return {
    reason,
    message: `too large to merge line by line: ${why(reason, limits)} (${sized('base', base)}; ${sized('ours', ours)}; ${sized('theirs', theirs)}); the whole file is one conflict`,
    limits: { ...limits },
    base,
    ours,
    theirs,
  };
}
