/**
 * The geometry, layout, style and text fields each scene node type has in the Plugin API, with
 * the value Figma gives when nothing was set. A field a type does not have is not set on its
 * nodes (reads undefined, as on a real node of that type).
 */
import type { FakeSceneSeed, FakeTextSeed } from './seed.js';

const FRAMES = new Set(['FRAME', 'COMPONENT', 'COMPONENT_SET', 'INSTANCE', 'SLOT']);
const CORNERED = new Set([...FRAMES, 'RECTANGLE']);
const WITH_RADIUS = new Set([...CORNERED, 'VECTOR', 'STAR', 'POLYGON']);

const AUTO_LAYOUT: ReadonlyArray<[string, unknown]> = [
  ['layoutMode', 'NONE'],
  ['layoutWrap', 'NO_WRAP'],
  ['paddingLeft', 0],
  ['paddingRight', 0],
  ['paddingTop', 0],
  ['paddingBottom', 0],
  ['itemSpacing', 0],
  ['counterAxisSpacing', 0],
  ['primaryAxisAlignItems', 'MIN'],
  ['counterAxisAlignItems', 'MIN'],
  ['counterAxisAlignContent', 'AUTO'],
  ['itemReverseZIndex', false],
  ['strokesIncludedInLayout', false],
  ['clipsContent', false],
];
const CHILD: ReadonlyArray<[string, unknown]> = [
  ['layoutSizingHorizontal', 'FIXED'],
  ['layoutSizingVertical', 'FIXED'],
  ['layoutPositioning', 'AUTO'],
  ['layoutGrow', 0],
  ['layoutAlign', 'INHERIT'],
  ['minWidth', null],
  ['maxWidth', null],
  ['minHeight', null],
  ['maxHeight', null],
  ['rotation', 0],
  ['opacity', 1],
];
const GEOMETRY: ReadonlyArray<[string, unknown]> = [
  ['dashPattern', []],
  ['fillGeometry', []],
  ['strokeGeometry', []],
];
const TEXT: ReadonlyArray<[string, unknown]> = [
  ['textAlignHorizontal', 'LEFT'],
  ['textAlignVertical', 'TOP'],
  ['textAutoResize', 'WIDTH_AND_HEIGHT'],
  ['textTruncation', 'DISABLED'],
  ['maxLines', null],
  ['paragraphSpacing', 0],
];
/** Character fields: the node reads `figma.mixed` when its runs differ. */
export const CHARACTER_DEFAULTS: ReadonlyArray<[string, unknown]> = [
  ['fontName', { family: 'Inter', style: 'Regular' }],
  ['fontSize', 12],
  ['fontWeight', 400],
  ['lineHeight', { unit: 'AUTO' }],
  ['letterSpacing', { unit: 'PERCENT', value: 0 }],
  ['textCase', 'ORIGINAL'],
  ['textDecoration', 'NONE'],
];
const SIDES = ['strokeTopWeight', 'strokeRightWeight', 'strokeBottomWeight', 'strokeLeftWeight'];
const CORNERS = ['topLeftRadius', 'topRightRadius', 'bottomRightRadius', 'bottomLeftRadius'];

/** field → value for a node built from `seed`; `mixed` is `figma.mixed`. */
export function layoutFields(seed: FakeSceneSeed, mixed: symbol): Array<[string, unknown]> {
  const s = seed as unknown as Record<string, unknown>;
  const out: Array<[string, unknown]> = [];
  const take = (list: ReadonlyArray<[string, unknown]>) => {
    for (const [field, fallback] of list) out.push([field, s[field] ?? fallback]);
  };
  const type = seed.type;
  if (type === 'SECTION') return [['absoluteBoundingBox', s.absoluteBoundingBox ?? null]];
  out.push(['absoluteBoundingBox', s.absoluteBoundingBox ?? null]);
  out.push(['blendMode', s.blendMode ?? (FRAMES.has(type) || type === 'GROUP' ? 'PASS_THROUGH' : 'NORMAL')]);
  out.push(['effects', s.effects ?? []]);
  take(CHILD);
  if (type !== 'GROUP' && type !== 'BOOLEAN_OPERATION')
    out.push(['constraints', s.constraints ?? { horizontal: 'MIN', vertical: 'MIN' }]);
  if (FRAMES.has(type)) take(AUTO_LAYOUT);
  if (type !== 'GROUP') {
    take(GEOMETRY);
    out.push([
      'strokeAlign',
      s.strokeAlign ?? (CORNERED.has(type) ? 'INSIDE' : type === 'TEXT' ? 'OUTSIDE' : 'CENTER'),
    ]);
    const weight = typeof s.strokeWeight === 'number' ? s.strokeWeight : 1;
    if (CORNERED.has(type)) {
      const sides = SIDES.map((f) => (typeof s[f] === 'number' ? (s[f] as number) : weight));
      SIDES.forEach((f, i) => out.push([f, sides[i]]));
      out.push(['strokeWeight', sides.every((w) => w === sides[0]) ? sides[0] : mixed]);
    } else out.push(['strokeWeight', weight]);
  }
  if (WITH_RADIUS.has(type)) {
    const radius = typeof s.cornerRadius === 'number' ? s.cornerRadius : 0;
    if (CORNERED.has(type)) {
      const corners = CORNERS.map((f) => (typeof s[f] === 'number' ? (s[f] as number) : radius));
      CORNERS.forEach((f, i) => out.push([f, corners[i]]));
      out.push(['cornerRadius', corners.every((r) => r === corners[0]) ? corners[0] : mixed]);
    } else out.push(['cornerRadius', radius]);
  }
  if (type === 'TEXT') {
    take(TEXT);
    const text = seed as FakeTextSeed;
    for (const [field, fallback] of CHARACTER_DEFAULTS) {
      const own = s[field] ?? fallback;
      const values = (text.segments ?? []).map((seg) => (seg as unknown as Record<string, unknown>)[field] ?? own);
      const first = JSON.stringify(values[0] ?? own);
      out.push([field, values.every((v) => JSON.stringify(v) === first) ? (values[0] ?? own) : mixed]);
    }
  }
  return out;
}
