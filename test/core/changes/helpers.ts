import type { ModeValue, Token, TokenSet } from '../../../core/contract/tokens.js';

export const color = (hex: string, alpha?: number): ModeValue => {
  const n = (i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  const c: Record<string, unknown> = { colorSpace: 'srgb', components: [n(0), n(1), n(2)], hex };
  if (alpha !== undefined) c.alpha = alpha;
  return c as ModeValue;
};
export const px = (value: number): ModeValue => ({ value, unit: 'px' });
export const alias = (id: string): ModeValue => ({ alias: id });

/** One collection "Theme" with modes Light (m1) and Dark (m2). */
export function tokenSet(tokens: Array<Partial<Token> & Pick<Token, 'id' | 'name'>>): TokenSet {
  return {
    collections: [
      {
        id: 'c1',
        name: 'Theme',
        modes: [
          { id: 'm1', name: 'Light' },
          { id: 'm2', name: 'Dark' },
        ],
        defaultModeId: 'm1',
      },
    ],
    tokens: tokens.map((t) => ({ collectionId: 'c1', type: 'color', valuesByMode: {}, ...t })),
  };
}
