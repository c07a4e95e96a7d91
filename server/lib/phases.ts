/**
 * Wall time per phase of a sync (validate, detect, generate, diff, store), reported with
 * each sync result and by the benchmarks. Store is what remains of the total: database work.
 */
export type Phase = 'validate' | 'detect' | 'generate' | 'diff';

export class PhaseTimer {
  private readonly totals: Record<Phase, number> = { validate: 0, detect: 0, generate: 0, diff: 0 };
  private start = performance.now();

  /**
   * Adds time a phase spent elsewhere (a worker thread): before the timer started (validation),
   * or `concurrent` with the phases timed here (generation overlaps storing, which is then
   * under-reported by as much: phases are a breakdown, `total` is the wall time).
   */
  record(phase: Phase, ms: number, options: { concurrent?: boolean } = {}): void {
    this.totals[phase] += ms;
    if (!options.concurrent) this.start -= ms;
  }

  measure<T>(phase: Phase, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.totals[phase] += performance.now() - t0;
    }
  }

  async measureAsync<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.totals[phase] += performance.now() - t0;
    }
  }

  /** Milliseconds per phase, rounded; `store` = total − the measured phases. */
  report(): Record<Phase | 'store' | 'total', number> {
    const total = performance.now() - this.start;
    const measured = this.totals.validate + this.totals.detect + this.totals.generate + this.totals.diff;
    const r = (n: number) => Math.round(n * 10) / 10;
    return {
      validate: r(this.totals.validate),
      detect: r(this.totals.detect),
      generate: r(this.totals.generate),
      diff: r(this.totals.diff),
      store: r(total - measured),
      total: r(total),
    };
  }
}
