import type { LayerText, Paint, TextSegment } from '../../contract/layers.js';
import { LAYER_LIMITS } from '../../contract/layer-limits.js';
import { canonicalJson } from '../../tokens/hash.js';
import { isNumber, roundPx } from './numbers.js';
import { normalizePaints } from './paints.js';
import type { RawCharacterStyle, RawText } from './raw.js';

type CharacterStyle = Omit<TextSegment, 'start' | 'end'>;

/**
 * A run's style in the tree's units, every field present (defaults included) so that two runs
 * compare field by field: letter spacing in px (REST only knows px), line height AUTO / PIXELS /
 * PERCENT of the font size.
 */
function fullStyle(
  raw: RawCharacterStyle,
  bound: Readonly<Record<string, string>>,
  where: string,
  warn: (m: string) => void,
): CharacterStyle {
  const style: CharacterStyle = {};
  const fontSize = isNumber(raw.fontSize) ? roundPx(raw.fontSize) : undefined;
  if (raw.fontName) style.fontName = { family: raw.fontName.family, style: raw.fontName.style };
  if (fontSize !== undefined) style.fontSize = bound.fontSize ? { token: bound.fontSize, value: fontSize } : fontSize;
  if (isNumber(raw.fontWeight)) style.fontWeight = raw.fontWeight;
  const lh = raw.lineHeight;
  if (lh) {
    if (lh.unit === 'AUTO') style.lineHeight = { unit: 'AUTO' };
    else {
      const value = roundPx(lh.value);
      style.lineHeight = { unit: lh.unit, value: bound.lineHeight ? { token: bound.lineHeight, value } : value };
    }
  }
  const ls = raw.letterSpacing;
  if (ls) {
    const px = ls.unit === 'PERCENT' ? (ls.value / 100) * (raw.fontSize ?? 0) : ls.value;
    const value = roundPx(px);
    style.letterSpacing = {
      unit: 'PIXELS',
      value: bound.letterSpacing ? { token: bound.letterSpacing, value } : value,
    };
  }
  style.textCase = (raw.textCase ?? 'ORIGINAL') as CharacterStyle['textCase'];
  style.textDecoration = (raw.textDecoration ?? 'NONE') as CharacterStyle['textDecoration'];
  style.fills = normalizePaints(raw.fills, where, warn) ?? [];
  return style;
}

/** Drops what is at Figma's default, for the layer's own style. */
function withoutDefaults(style: CharacterStyle): CharacterStyle {
  const out = { ...style };
  if (out.lineHeight?.unit === 'AUTO') delete out.lineHeight;
  if (out.letterSpacing && out.letterSpacing.value === 0) delete out.letterSpacing;
  if (out.textCase === 'ORIGINAL') delete out.textCase;
  if (out.textDecoration === 'NONE') delete out.textDecoration;
  delete out.fills;
  return out;
}

export interface NormalizedText {
  text: LayerText;
  /** the text colour: the first run's fills (the layer's own, in `style.fills`) */
  fills?: Paint[];
}

/**
 * The layer's own character style is its first run's; `segments` (only when runs differ) give
 * each run with the fields that differ from it. Neighbouring runs of equal style are one.
 */
export function normalizeText(
  raw: RawText,
  bound: Readonly<Record<string, string>>,
  where: string,
  warn: (m: string) => void,
): NormalizedText {
  let characters = raw.characters;
  if (characters.length > LAYER_LIMITS.characters) {
    warn(`${where} has ${characters.length} characters; the first ${LAYER_LIMITS.characters} are kept`);
    characters = characters.slice(0, LAYER_LIMITS.characters);
  }
  // Warnings about a paint are given once, from the first run.
  const quiet = () => {};
  // A run's key (its canonical JSON) is only made when there is a neighbour to compare it with:
  // most texts have one run.
  const runs: Array<{ start: number; end: number; style: CharacterStyle; key?: string }> = [];
  const keyOf = (run: { style: CharacterStyle; key?: string }) => (run.key ??= canonicalJson(run.style));
  raw.runs.forEach((run, i) => {
    if (run.start >= characters.length && characters.length > 0) return;
    const next = {
      start: run.start,
      end: Math.min(run.end, characters.length),
      style: fullStyle(run.style, bound, where, i === 0 ? warn : quiet),
    };
    const last = runs[runs.length - 1];
    if (last && last.end === run.start && keyOf(last) === keyOf(next)) last.end = run.end;
    else runs.push(next);
  });
  const first = runs[0]?.style ?? {};
  const text: LayerText = { characters, ...withoutDefaults(first) };
  if (isNumber(raw.paragraphSpacing) && raw.paragraphSpacing !== 0)
    text.paragraphSpacing = roundPx(raw.paragraphSpacing);
  if (raw.textAlignHorizontal && raw.textAlignHorizontal !== 'LEFT')
    text.textAlignHorizontal = raw.textAlignHorizontal as LayerText['textAlignHorizontal'];
  if (raw.textAlignVertical && raw.textAlignVertical !== 'TOP')
    text.textAlignVertical = raw.textAlignVertical as LayerText['textAlignVertical'];
  if (raw.textAutoResize && raw.textAutoResize !== 'NONE')
    text.textAutoResize = raw.textAutoResize as LayerText['textAutoResize'];
  if (raw.textTruncation && raw.textTruncation !== 'DISABLED')
    text.textTruncation = raw.textTruncation as LayerText['textTruncation'];
  if (isNumber(raw.maxLines) && raw.maxLines >= 1) text.maxLines = raw.maxLines;

  if (runs.length > 1) {
    if (runs.length > LAYER_LIMITS.segmentsPerText) {
      warn(`${where} has ${runs.length} differently styled runs; only the first run's style is kept`);
    } else {
      text.segments = runs.map((run) => {
        const segment: TextSegment = { start: run.start, end: run.end };
        for (const [field, value] of Object.entries(run.style) as Array<[keyof CharacterStyle, unknown]>) {
          if (canonicalJson(value) !== canonicalJson(first[field])) (segment as Record<string, unknown>)[field] = value;
        }
        return segment;
      });
    }
  }
  const fills = first.fills && first.fills.length > 0 ? first.fills : undefined;
  return fills ? { text, fills } : { text };
}
