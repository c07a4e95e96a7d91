import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  MAX_RETRY_AFTER_SECONDS,
  parseRetryAfter,
} from '../../../server/figma/retry-after.js';

const now = new Date('2026-05-01T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads seconds, up to days', () => {
    expect(parseRetryAfter('30', now)).toEqual({
      seconds: 30,
      at: new Date('2026-05-01T12:00:30.000Z'),
      fromHeader: true,
    });
    expect(parseRetryAfter(' 396749 ', now).at).toEqual(new Date(now.getTime() + 396_749_000));
  });

  it('rounds a fraction up so that a retry is never early', () => {
    expect(parseRetryAfter('1.2', now).seconds).toBe(2);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Fri, 01 May 2026 12:02:00 GMT', now)).toEqual({
      seconds: 120,
      at: new Date('2026-05-01T12:02:00.000Z'),
      fromHeader: true,
    });
    expect(parseRetryAfter('Sun, 03 May 2026 12:00:00 GMT', now).seconds).toBe(2 * 24 * 3600);
  });

  it('a date in the past means now', () => {
    expect(parseRetryAfter('Thu, 30 Apr 2026 12:00:00 GMT', now)).toMatchObject({ seconds: 0, at: now });
  });

  it('falls back to a minute when the header is absent or unreadable', () => {
    for (const header of [null, undefined, '', 'soon', '-5', '12abc']) {
      expect(parseRetryAfter(header, now)).toEqual({
        seconds: DEFAULT_RETRY_AFTER_SECONDS,
        at: new Date(now.getTime() + 60_000),
        fromHeader: false,
      });
    }
  });

  it('clamps absurd values', () => {
    expect(parseRetryAfter('99999999999', now).seconds).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});
