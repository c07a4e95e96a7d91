import type { TestApp } from './app.js';

/**
 * Polls /metrics until a diff or merge is running on the server's diff thread, or `request`
 * settles first. True means the /metrics answer itself was given while the diff ran: the event
 * loop was free. Order, not timing: a diff computed on the event loop can never be seen running.
 */
export async function seenDiffRunning(t: TestApp, request: { settled: boolean }): Promise<boolean> {
  while (!request.settled) {
    const metrics = await t.api('GET', '/metrics', { token: null });
    if (/^design_sync_diff_tasks_in_flight [1-9]/m.test(metrics.body)) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

/** A promise with a flag that says whether it settled yet. */
export function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: boolean } {
  const out = { promise, settled: false };
  promise.then(
    () => (out.settled = true),
    () => (out.settled = true),
  );
  return out;
}

/** `n` lines made by `line` (1-based), each ending with a newline. */
export const textOf = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${line(i + 1)}\n`).join('');

/** The same lines in reverse order: as many lines, nothing to align, so Myers' diff runs to its limit. */
export const reversed = (text: string): string =>
  text
    .split('\n')
    .slice(0, -1)
    .reverse()
    .map((l) => `${l}\n`)
    .join('');
