import type { FileDiffStatus, GeneratedFile } from './types.js';

/**
 * A text as lines without their `\n`, plus whether the last line was terminated. Keeping the
 * final newline out of the lines lets a merge treat "file ends with a newline" as one separate
 * fact, so adding or dropping it never collides with an edit of the last line.
 * '' is zero lines; '\n' is one empty, terminated line.
 */
export interface SplitText {
  lines: string[];
  finalNewline: boolean;
}

export function splitText(text: string): SplitText {
  if (text === '') return { lines: [], finalNewline: false };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

export function joinText({ lines, finalNewline }: SplitText): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

/** Lines as jsdiff counts them: `\n` and `\r\n` both end a line; a lone `\r` does not. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

export function normalizeEol(text: string): string {
  return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
}

/** Duplicate paths are a caller bug that would silently drop a file, so they throw. */
export function indexByPath(files: readonly GeneratedFile[], setName: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of files) {
    if (map.has(f.path)) throw new Error(`Duplicate path "${f.path}" in ${setName} file set`);
    map.set(f.path, f.content);
  }
  return map;
}

/** A file's status from one side to the other; null or undefined: it does not exist on that side. */
export function fileStatus(
  oldContent: string | null | undefined,
  newContent: string | null | undefined,
): FileDiffStatus {
  if (oldContent == null) return newContent == null ? 'unchanged' : 'added';
  if (newContent == null) return 'removed';
  return oldContent === newContent ? 'unchanged' : 'modified';
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
