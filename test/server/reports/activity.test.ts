import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestActivity } from '../../../server/services/reports/activity.js';

describe('bulk work defers to short requests (RequestActivity)', () => {
  afterEach(() => vi.useRealTimers());

  it('goes on at once when no other request is in flight', async () => {
    const activity = new RequestActivity();
    const sync = {};
    activity.begin(sync);
    let done = false;
    void activity.deferTo(sync, 10_000).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
  });

  it('waits for a short request in flight and goes on as soon as it ends', async () => {
    const activity = new RequestActivity();
    const sync = {};
    const read = {};
    activity.begin(sync);
    activity.begin(read);
    let done = false;
    void activity.deferTo(sync, 10_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 60));
    expect(done).toBe(false);
    activity.end(read);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
  });

  it('never waits longer than its bound, however many requests keep arriving', async () => {
    const activity = new RequestActivity();
    const sync = {};
    activity.begin(sync);
    activity.begin({});
    const started = performance.now();
    await activity.deferTo(sync, 80);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(75);
    expect(waited).toBeLessThan(1000);
  });

  it('does not wait for another long request (two syncs never wait for each other)', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const activity = new RequestActivity();
    const one = {};
    const other = {};
    activity.begin(one);
    activity.begin(other);
    vi.advanceTimersByTime(1500);
    let done = false;
    void activity.deferTo(one, 10_000).then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('ignores an end it never saw begin (an aborted request ends twice)', () => {
    const activity = new RequestActivity();
    const request = {};
    activity.begin(request);
    activity.end(request);
    expect(() => activity.end(request)).not.toThrow();
  });
});
