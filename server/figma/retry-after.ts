/**
 * `Retry-After` (RFC 9110 §10.2.3) is either a number of seconds or an HTTP date. Figma sends
 * seconds, sometimes several days' worth for low-tier seats, but a proxy in between may send a
 * date, so both are read.
 */

/** What Figma's documentation says to wait when it does not say: "typically a minute". */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** A value beyond this is treated as garbage rather than scheduling a retry years ahead. */
export const MAX_RETRY_AFTER_SECONDS = 366 * 24 * 60 * 60;

export interface RetryAfter {
  seconds: number;
  at: Date;
  /** false when the header was absent or unreadable and the default was used */
  fromHeader: boolean;
}

export function parseRetryAfter(header: string | null | undefined, now: Date): RetryAfter {
  const seconds = headerSeconds(header?.trim() ?? '', now);
  if (seconds === undefined) {
    return {
      seconds: DEFAULT_RETRY_AFTER_SECONDS,
      at: new Date(now.getTime() + DEFAULT_RETRY_AFTER_SECONDS * 1000),
      fromHeader: false,
    };
  }
  const clamped = Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
  return { seconds: clamped, at: new Date(now.getTime() + clamped * 1000), fromHeader: true };
}

function headerSeconds(text: string, now: Date): number | undefined {
  if (text === '') return undefined;
  // Delta-seconds is an integer; a fraction is tolerated and rounded up so a retry is never early.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // Only the date forms: Date.parse would also take "12" or "tomorrow"-like strings.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
