/**
 * Which requests are in flight, so that bulk work (a sync of hundreds of components) can let
 * short interactive requests go first. On the embedded database a sync's transaction holds
 * the only connection, and a history read of three queries waited behind three of them
 * (measured: p50 130 ms during a 300-component sync); letting it finish between two of the
 * sync's transactions costs the sync little. Requests older than BULK_AFTER_MS count as bulk
 * themselves (two syncs never wait for each other), and a wait never exceeds its bound.
 */
const BULK_AFTER_MS = 1000;

export class RequestActivity {
  private readonly started = new Map<object, number>();
  private waiters: Array<() => void> = [];

  begin(request: object): void {
    this.started.set(request, performance.now());
  }

  end(request: object): void {
    if (!this.started.delete(request)) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Short requests in flight besides `self`. */
  private othersBusy(self: object): boolean {
    const now = performance.now();
    for (const [request, at] of this.started) if (request !== self && now - at < BULK_AFTER_MS) return true;
    return false;
  }

  /** Resolves once no short request other than `self` is in flight, or after `maxWaitMs`. */
  async deferTo(self: object, maxWaitMs: number): Promise<void> {
    const deadline = performance.now() + maxWaitMs;
    while (this.othersBusy(self)) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 25));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }
}
