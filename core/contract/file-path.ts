import { z } from 'zod';
import { LIMITS } from './limits.js';

// Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that make a
// name display differently from what it is ("Trojan Source").

const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Why a version file path is unsafe, or null when it is fine. A path must be relative POSIX:
 * it is written into zips and onto developers' disks, so it must not climb out of its folder
 * (Zip Slip), name a drive, or hide characters.
 */
export function filePathProblem(path: string): string | null {
  if (path.length === 0) return 'must not be empty';
  if (path.length > LIMITS.filePath) return `must be at most ${LIMITS.filePath} characters`;
  if (path.indexOf('\\') !== -1) return 'must use "/" between folders, not backslashes';
  if (FORBIDDEN.test(path)) return 'must not contain control characters or bidirectional overrides';
  if (path.charAt(0) === '/') return 'must be relative (no leading "/")';
  if (/^[A-Za-z]:/.test(path)) return 'must not start with a drive letter';
  for (const segment of path.split('/')) {
    if (segment === '') return 'must not contain empty segments ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (utf8Length(segment) > LIMITS.filePathSegmentBytes)
      return `each segment must be at most ${LIMITS.filePathSegmentBytes} bytes in UTF-8`;
  }
  return null;
}

/** A version file path, refined so a 400 names the path and what is wrong with it. */
export const FilePath = z.string().superRefine((path, ctx) => {
  const problem = filePathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: `file path ${JSON.stringify(path)} ${problem}` });
});
