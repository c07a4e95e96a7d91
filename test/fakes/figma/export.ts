/**
 * `node.exportAsync` for PNG: a real, decodable image of the node's size at the asked scale,
 * drawn deterministically (its first solid fill inside a 1 px darker border, or grey). Pure
 * JavaScript (stored deflate blocks, CRC-32, Adler-32): the fake also runs inside a browser page.
 */
import { expectedType, figmaError, notImplemented } from './errors.js';

/** A node's size when its seed gives no geometry. */
export const DEFAULT_EXPORT_SIZE = { width: 120, height: 40 } as const;
/** Figma refuses scales outside this range. */
const SCALE = { min: 0.01, max: 4 } as const;
const FORMATS = new Set(['PNG', 'JPG', 'SVG', 'SVG_STRING', 'PDF', 'JSON_REST_V1']);

interface Exportable {
  readonly width?: unknown;
  readonly height?: unknown;
  readonly absoluteBoundingBox?: unknown;
  readonly fills?: unknown;
}

/** A node's size: its own, else its bounding box's (what Figma exports for an unrotated node), else the default. */
function sizeOf(node: Exportable): { width: number; height: number } {
  const box = node.absoluteBoundingBox as { width?: unknown; height?: unknown } | null | undefined;
  const pick = (own: unknown, boxed: unknown, fallback: number): number =>
    typeof own === 'number' ? own : typeof boxed === 'number' ? boxed : fallback;
  return {
    width: pick(node.width, box?.width, DEFAULT_EXPORT_SIZE.width),
    height: pick(node.height, box?.height, DEFAULT_EXPORT_SIZE.height),
  };
}

export function exportMethods(record: (call: string) => void) {
  return {
    async exportAsync(this: Exportable, settings?: unknown): Promise<Uint8Array> {
      record('node.exportAsync');
      const scale = pngScale(settings);
      const { width, height } = sizeOf(this);
      return encodePng(
        Math.max(1, Math.round(width * scale)),
        Math.max(1, Math.round(height * scale)),
        solidColor(this.fills),
      );
    },
  };
}

/** The scale of an export the fake models (PNG by scale); anything else throws as Figma or as "not implemented". */
function pngScale(settings: unknown): number {
  if (settings === undefined) throw notImplemented('node.exportAsync() without settings (a PNG at 1×)');
  if (typeof settings !== 'object' || settings === null)
    throw expectedType('exportAsync', 'settings', 'object', settings);
  const { format, constraint } = settings as { format?: unknown; constraint?: unknown };
  if (typeof format !== 'string' || !FORMATS.has(format))
    throw figmaError('exportAsync', `Invalid value for "format": ${JSON.stringify(format)}`);
  if (format !== 'PNG') throw notImplemented(`node.exportAsync({ format: '${format}' })`);
  if (constraint === undefined) return 1;
  const { type, value } = constraint as { type?: unknown; value?: unknown };
  if (type !== 'SCALE') throw notImplemented(`node.exportAsync({ constraint: { type: ${JSON.stringify(type)} } })`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < SCALE.min || value > SCALE.max)
    throw figmaError('exportAsync', `Expected "constraint.value" to be between ${SCALE.min} and ${SCALE.max}`);
  return value;
}

function solidColor(fills: unknown): [number, number, number] {
  const solid = Array.isArray(fills)
    ? (fills as Array<{ type?: string; visible?: boolean; color?: { r: number; g: number; b: number } }>).find(
        (p) => p.type === 'SOLID' && p.visible !== false && p.color,
      )
    : undefined;
  const c = solid?.color ?? { r: 0.9, g: 0.9, b: 0.9 };
  return [c.r, c.g, c.b].map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) as [number, number, number];
}

/** An RGB PNG: `fill` inside a 1 px border a third darker. */
export function encodePng(width: number, height: number, fill: [number, number, number]): Uint8Array {
  const border = fill.map((v) => Math.round(v * 0.66)) as [number, number, number];
  const row = 1 + width * 3;
  const raw = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      raw.set(edge ? border : fill, y * row + 1 + x * 3);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filters, no interlace
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib with uncompressed deflate blocks (at most 65,535 bytes each). */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [new Uint8Array([0x78, 0x01])];
  for (let at = 0; at < data.length || at === 0; at += 0xffff) {
    const piece = data.subarray(at, at + 0xffff);
    const last = at + 0xffff >= data.length;
    const head = new Uint8Array([
      last ? 1 : 0,
      piece.length & 0xff,
      piece.length >> 8,
      ~piece.length & 0xff,
      (~piece.length >> 8) & 0xff,
    ]);
    blocks.push(head, piece);
    if (last) break;
  }
  const adler = new Uint8Array(4);
  new DataView(adler.buffer).setUint32(0, adler32(data));
  blocks.push(adler);
  return concat(blocks);
}

let crcTable: Uint32Array | null = null;
function crc32(data: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
