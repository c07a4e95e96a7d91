/** What every part of one fake shares: its call log, its open/closed state, `figma.mixed`. */
export interface FakeContext {
  readonly pluginId: string;
  readonly mixed: symbol;
  readonly calls: string[];
  /** appends to `calls` */
  record(call: string): void;
  /** throws once the plugin has been closed */
  assertOpen(member: string): void;
  /** `strict()` bound to this fake's open/closed state */
  strict<T extends object>(impl: T, prefix: string): T;
}

/** Wraps `fn` so each call is appended to the log under `name`. */
export function recorded<A extends unknown[], R>(
  ctx: FakeContext,
  name: string,
  fn: (...args: A) => R,
): (...args: A) => R {
  return (...args: A): R => {
    ctx.record(name);
    return fn(...args);
  };
}
