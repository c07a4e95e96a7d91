/**
 * What crosses Figma's boundaries (UI messages, client storage) is copied, and only some kinds
 * of values survive. The copy here refuses what Figma would not carry, so a test fails where
 * the real plugin would lose data: messages take objects, arrays, numbers, strings, booleans,
 * null, undefined, Date and Uint8Array; client storage the same without Date.
 */

export type TransferKind = 'message' | 'clientStorage';

export function transferCopy(value: unknown, kind: TransferKind, path = 'value'): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw refuse(kind, path, typeof value);
  }
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof Date) {
    if (kind === 'message') return new Date(value.getTime());
    throw refuse(kind, path, 'Date');
  }
  if (Array.isArray(value)) return value.map((v, i) => transferCopy(v, kind, `${path}[${i}]`));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw refuse(kind, path, `an instance of ${(value as object).constructor?.name ?? 'a class'}`);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = transferCopy(v, kind, `${path}.${key}`);
  return copy;
}

function refuse(kind: TransferKind, path: string, what: string): Error {
  const where = kind === 'message' ? 'figma.ui.postMessage' : 'figma.clientStorage';
  return new Error(`fake figma: ${where} cannot carry ${what} (at ${path})`);
}

/** Figma's quota estimate: key length plus the value's JSON length (Uint8Array: its byte length). */
export function storageSize(key: string, value: unknown): number {
  return key.length + (value instanceof Uint8Array ? value.byteLength : JSON.stringify(value ?? null).length);
}
