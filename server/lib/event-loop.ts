/**
 * Letting other requests in during long work. PGlite and code generation run on the event
 * loop, and PGlite's queries resolve as microtasks, so a sync's chain of awaits never lets
 * the loop poll for I/O: without a yield, /healthz waited for the whole sync (measured:
 * 21 s of event-loop delay for 300 components, bench/responsiveness.bench.ts).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Yields once `sliceMs` has passed since the last yield: loops stay responsive without paying a yield per item. */
export class TimeSlicer {
  private last = performance.now();

  constructor(private readonly sliceMs = 4) {}

  async tick(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await yieldToEventLoop();
    this.last = performance.now();
  }
}
