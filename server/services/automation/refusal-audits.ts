/**
 * When a refused Figma webhook passcode is audited: at most once a minute per tracked file, so
 * an unauthenticated caller cannot fill a project's audit log. The gate is in memory (a wrong
 * passcode then costs no database work, as for a key nobody tracks); the audit itself checks
 * the database again, so several server processes still write one a minute.
 */
export class RefusalAudits {
  private readonly last = new Map<string, number>();

  constructor(
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** True when a refusal for this file is to be audited now; the next one then waits a window. */
  due(fileId: string): boolean {
    const now = this.now();
    const previous = this.last.get(fileId);
    if (previous !== undefined && now - previous < this.windowMs) return false;
    // Keys are tracked files' ids (a key nobody tracks is never audited), but stay bounded anyway.
    if (this.last.size >= this.maxEntries) {
      for (const [id, at] of this.last) if (now - at >= this.windowMs) this.last.delete(id);
      if (this.last.size >= this.maxEntries) this.last.clear();
    }
    this.last.set(fileId, now);
    return true;
  }
}
