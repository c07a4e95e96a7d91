/**
 * Read-only, fail-loud views: what the plugin sees of the fake.
 */
import { notImplemented } from './errors.js';

// Keys that test tooling (vitest's equality and printing, promise resolution) probes on any
// object; answering them with "not implemented" would break printing a failed assertion.
const INSPECTED = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'nodeName',
  '_isMockFunction',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '@@__IMMUTABLE_KEYED__@@',
  '@@__IMMUTABLE_ORDERED__@@',
]);

export interface StrictOptions {
  /** "figma.", "figma.variables.", "figma.root." … */
  prefix: string;
  /** throws when the plugin has been closed */
  assertOpen: (member: string) => void;
}

/**
 * The object as seen by the plugin: members it implements work, any other member throws
 * "not implemented" so a test notices an API the fake does not model instead of reading
 * `undefined`. Assignments to anything but an accessor with a setter throw, like Figma's
 * read-only properties.
 */
export function strict<T extends object>(impl: T, options: StrictOptions): T {
  const { prefix, assertOpen } = options;
  return new Proxy(impl, {
    get(target, prop) {
      if (typeof prop === 'symbol' || INSPECTED.has(prop)) return Reflect.get(target, prop);
      assertOpen(prefix + prop);
      if (!(prop in target)) throw notImplemented(prefix + prop);
      return Reflect.get(target, prop);
    },
    set(target, prop, value) {
      const name = String(prop);
      assertOpen(prefix + name);
      if (!(prop in target)) throw notImplemented(prefix + name);
      const descriptor = findDescriptor(target, prop);
      if (!descriptor?.set)
        throw new TypeError(
          `Cannot assign to read only property '${name}' of object '${prefix.slice(0, -1) || 'figma'}'`,
        );
      descriptor.set.call(target, value);
      return true;
    },
    defineProperty(_target, prop) {
      throw new TypeError(`Cannot define property ${String(prop)}, object is not extensible`);
    },
    deleteProperty(_target, prop) {
      throw new TypeError(`Cannot delete property '${String(prop)}' of ${prefix.slice(0, -1)}`);
    },
  });
}

function findDescriptor(target: object, prop: PropertyKey): PropertyDescriptor | undefined {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, prop);
    if (d) return d;
  }
  return undefined;
}

/** Methods of a real Figma object the fake does not model; each throws when called. */
export function unimplementedMethods(owner: string, names: readonly string[]): Record<string, () => never> {
  const methods: Record<string, () => never> = {};
  for (const name of names) {
    methods[name] = () => {
      throw notImplemented(`${owner}.${name}`);
    };
  }
  return methods;
}

/** Freezes a plain-data value and everything in it (already frozen parts are not walked again). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze(value[key]);
  }
  return value;
}
