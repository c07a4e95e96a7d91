// The one shape of a 400 for input that does not match its schema: the first problem in the
// message, at most MAX_ISSUES of them in details, each naming its field ("body.components.0.name").
import type { z } from 'zod';
import { AppError } from './errors.js';

export interface ValidationIssue {
  path: string;
  message: string;
  code?: string | undefined;
}

const MAX_ISSUES = 100;

/** `total` counts the issues found when only some are given. */
export function validationFailed(issues: readonly ValidationIssue[], total = issues.length): AppError {
  const listed = issues.slice(0, MAX_ISSUES);
  const first = listed[0];
  const more = total > 1 ? ` (and ${total - 1} more)` : '';
  return new AppError(
    400,
    'validation_failed',
    first ? `${first.path}: ${first.message}${more}` : 'The request is invalid',
    { issues: listed },
  );
}

/** zod's issues of one part of the request (`body`, `querystring`, …) in that shape. */
export function zodIssues(context: string, issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((i) => ({ path: fieldPath(context, i.path), message: i.message, code: i.code }));
}

/** A key longer than this is shortened in a path: a path names the field, it does not echo a 100,000-character key. */
const MAX_SEGMENT = 60;

/** "body.components.0.name": the part of the request, then each key (long ones shortened). */
export function fieldPath(context: string, segments: readonly PropertyKey[]): string {
  return [context, ...segments.map((s) => shortKey(String(s)))].join('.');
}

/** A key as an answer may quote it. */
export function shortKey(key: string): string {
  return key.length > MAX_SEGMENT ? `${key.slice(0, MAX_SEGMENT)}…(${key.length} characters)` : key;
}
