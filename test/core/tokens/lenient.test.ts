import { describe, expect, it } from 'vitest';
import type { Collection, Token, TokenSet } from '../../../core/contract/tokens.js';
import { lenientTokenSet, validateTokenSet } from '../../../core/tokens/index.js';

const prim: Collection = { id: 'prim', name: 'Primitives', modes: [{ id: 'p', name: 'Value' }], defaultModeId: 'p' };
const tok = (id: string, type: Token['type'], value: Token['valuesByMode'][string]): Token => ({
  id,
  name: id,
  collectionId: 'prim',
  type,
  valuesByMode: { p: value },
});
const set = (...tokens: Token[]): TokenSet => ({ collections: [prim], tokens });
const px = (value: number) => ({ value, unit: 'px' });

describe('lenientTokenSet: values CSS can still write are read, with a warning naming the token', () => {
  it('expands a short hex fallback (3 and 4 digits)', () => {
    const { tokens, warnings } = lenientTokenSet(
      set(
        tok('black', 'color', { colorSpace: 'srgb', components: [0, 0, 0], alpha: 1, hex: '#000' }),
        tok('grey', 'color', { colorSpace: 'srgb', components: [0.8, 0.8, 0.8], hex: '#CCCF' }),
      ),
    );
    expect(tokens.tokens[0]!.valuesByMode.p).toEqual({
      colorSpace: 'srgb',
      components: [0, 0, 0],
      alpha: 1,
      hex: '#000000',
    });
    expect(tokens.tokens[1]!.valuesByMode.p).toEqual({
      colorSpace: 'srgb',
      components: [0.8, 0.8, 0.8],
      hex: '#cccccc',
    });
    expect(warnings).toEqual([
      'black: short hex fallback "#000" read as "#000000"',
      'grey: short hex fallback "#CCCF" read as "#cccccc"',
    ]);
    expect(validateTokenSet(tokens).errors).toEqual([]);
  });

  it('keeps CSS units DTCG does not list (em, vw, %) and reads dp and unitless values as px', () => {
    const { tokens, warnings } = lenientTokenSet(
      set(
        tok('tracking', 'dimension', { value: 0.05, unit: 'em' }),
        tok('gutter', 'dimension', { value: 5, unit: 'vw' }),
        tok('elevation', 'dimension', { value: 2, unit: 'dp' }),
        tok('margin', 'dimension', { value: 0, unit: '' }),
        tok('body', 'typography', {
          fontFamily: 'IBM Plex Sans',
          fontSize: px(14),
          letterSpacing: 0.16,
          lineHeight: 1.42857,
        }),
      ),
    );
    expect(tokens.tokens.map((t) => t.valuesByMode.p)).toEqual([
      { value: 0.05, unit: 'em' },
      { value: 5, unit: 'vw' },
      px(2),
      px(0),
      { fontFamily: 'IBM Plex Sans', fontSize: px(14), letterSpacing: px(0.16), lineHeight: 1.42857 },
    ]);
    expect(warnings).toEqual([
      'tracking: unit "em" is not a DTCG dimension unit (px, rem); written to CSS as is',
      'gutter: unit "vw" is not a DTCG dimension unit (px, rem); written to CSS as is',
      'elevation: unit "dp" read as px',
      'margin: a dimension without a unit read as px',
      'body: letterSpacing: a number where a dimension belongs read as px',
    ]);
    // Strict validation still names them; the lenient one (what a sync uses) accepts CSS units.
    expect(validateTokenSet(tokens).errors.map((e) => e.tokenId)).toEqual(['tracking', 'gutter']);
    expect(validateTokenSet(tokens, { cssLengths: true }).errors).toEqual([]);
  });

  it('reads a CSS font list written as one string as a list of family names', () => {
    const { tokens, warnings } = lenientTokenSet(
      set(
        tok(
          'stack',
          'fontFamily',
          "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, \"Helvetica Neue\", sans-serif",
        ),
        tok('body', 'typography', { fontFamily: "'IBM Plex Serif', 'Georgia', Times, serif", fontSize: px(16) }),
        tok('plain', 'fontFamily', 'Inter'),
      ),
    );
    expect(tokens.tokens.map((t) => t.valuesByMode.p)).toEqual([
      ['Segoe UI', 'Segoe UI Web (West European)', '-apple-system', 'Helvetica Neue', 'sans-serif'],
      { fontFamily: ['IBM Plex Serif', 'Georgia', 'Times', 'serif'], fontSize: px(16) },
      'Inter',
    ]);
    expect(warnings).toEqual([
      'stack: a comma-separated font list read as 5 family names',
      'body: fontFamily: a comma-separated font list read as 4 family names',
    ]);
  });

  it('leaves conforming tokens exactly as they are (the same objects) and says nothing', () => {
    const input = set(
      tok('red', 'color', { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' }),
      tok('space', 'dimension', { value: 1.5, unit: 'rem' }),
      tok('alias', 'dimension', { alias: 'space' }),
    );
    const { tokens, warnings } = lenientTokenSet(input);
    expect(warnings).toEqual([]);
    expect(tokens.tokens.every((t, i) => t === input.tokens[i])).toBe(true);
  });

  it('does not touch what it cannot read as CSS', () => {
    const { tokens, warnings } = lenientTokenSet(
      set(tok('odd', 'dimension', { value: 4, unit: 'parsecs' }), tok('blue', 'color', 'blue')),
    );
    expect(warnings).toEqual([]);
    expect(validateTokenSet(tokens, { cssLengths: true }).errors.map((e) => e.tokenId)).toEqual(['odd', 'blue']);
  });
});
