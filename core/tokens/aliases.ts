import type { Alias, ModeValue, Value } from '../contract/tokens.js';

export function isAlias(value: unknown): value is Alias {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { alias?: unknown }).alias === 'string'
  );
}

/**
 * Every token id a mode value refers to: the value itself when it is an alias, and the
 * aliases held inside composite values (a typography's fontSize, a shadow layer's color, …).
 * Walks with its own stack: a value may come from untrusted input nested arbitrarily deep.
 */
export function collectAliasTargets(value: ModeValue | unknown, into: string[] = []): string[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (isAlias(v)) into.push(v.alias);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (typeof v === 'object' && v !== null) {
      const items = Object.values(v);
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return into;
}

/**
 * `value` with every alias inside it (at any depth) replaced by `replace(alias)`; a value without
 * aliases is returned as is. Iterative, like collectAliasTargets.
 */
export function replaceAliases(value: Value, replace: (alias: Alias) => Value): Value {
  if (isAlias(value)) return replace(value);
  if (typeof value !== 'object' || value === null || collectAliasTargets(value).length === 0) return value;
  type Container = Value[] | { [key: string]: Value };
  interface Frame {
    source: Container;
    out: Container;
    keys: string[];
    next: number;
  }
  const open = (source: Container): Frame => ({
    source,
    out: Array.isArray(source) ? [] : {},
    keys: Object.keys(source),
    next: 0,
  });
  const root = open(value as Container);
  const stack: Frame[] = [root];
  const set = (frame: Frame, key: string, v: Value) => {
    if (Array.isArray(frame.out)) frame.out.push(v);
    else frame.out[key] = v;
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.keys.length) {
      stack.pop();
      if (stack.length > 0) {
        const parent = stack[stack.length - 1]!;
        set(parent, parent.keys[parent.next - 1]!, frame.out as Value);
      }
      continue;
    }
    const key = frame.keys[frame.next++]!;
    const child = (frame.source as Record<string, Value>)[key] as Value;
    if (isAlias(child)) set(frame, key, replace(child));
    else if (typeof child === 'object' && child !== null) stack.push(open(child as Container));
    else set(frame, key, child);
  }
  return root.out as Value;
}
