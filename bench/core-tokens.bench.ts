import type { DtcgTokens } from '../core/contract/tokens.js';
import { hashTokenSet, importDtcg, resolveTokenSet } from '../core/tokens/index.js';
import type { Bench } from './types.js';
import { median, prng } from './support.js';

type Doc = Record<string, unknown>;

const MODES = ['light', 'dark', 'high-contrast'];
const hex = (n: number) =>
  `#${Math.floor(n * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;

/**
 * A realistic 5,000-token set as DTCG documents, one per mode: 3,500 literals (colors,
 * dimensions, numbers, typography and shadows whose sub-values alias dimensions and colors)
 * and 1,500 aliases (30 %) in chains of depth 1 to 3 (a third each), whose targets differ by
 * mode as themes do.
 */
export function syntheticDtcg(total = 5000): DtcgTokens {
  const literals = Math.round(total * 0.7);
  const aliasLayer = Math.floor((total - literals) / 3);
  const docs = MODES.map((_, m) => {
    const rnd = prng(42 + m);
    const doc: Doc = {};
    const put = (path: string[], token: Doc) => {
      let node = doc;
      for (const s of path.slice(0, -1)) node = (node[s] ??= {}) as Doc;
      node[path[path.length - 1]!] = token;
    };
    const colors: string[] = [];
    const sizes: string[] = [];
    for (let i = 0; i < literals; i++) {
      const kind = i % 20;
      if (kind < 12) {
        const path = ['color', `hue${i % 24}`, `${i}`];
        colors.push(path.join('.'));
        put(path, { $type: 'color', $value: hex(rnd()) });
      } else if (kind < 17) {
        const path = ['size', `${i}`];
        sizes.push(path.join('.'));
        put(path, { $type: 'dimension', $value: { value: Math.round(rnd() * 64), unit: 'px' } });
      } else if (kind < 18) {
        put(['opacity', `${i}`], { $type: 'number', $value: Math.round(rnd() * 100) / 100 });
      } else if (kind < 19) {
        put(['text', `${i}`], {
          $type: 'typography',
          $value: {
            fontFamily: ['Inter', 'sans-serif'],
            fontSize: `{${sizes[Math.floor(rnd() * sizes.length)] ?? 'size.12'}}`,
            fontWeight: 400 + 100 * (i % 4),
            letterSpacing: { value: 0, unit: 'px' },
            lineHeight: 1.4,
          },
        });
      } else {
        put(['shadow', `${i}`], {
          $type: 'shadow',
          $value: [
            {
              color: `{${colors[Math.floor(rnd() * colors.length)]}}`,
              offsetX: { value: 0, unit: 'px' },
              offsetY: { value: 1, unit: 'px' },
              blur: { value: 2, unit: 'px' },
              spread: { value: 0, unit: 'px' },
            },
            {
              color: hex(rnd()),
              offsetX: { value: 0, unit: 'px' },
              offsetY: { value: 8, unit: 'px' },
              blur: { value: 16, unit: 'px' },
              spread: { value: -4, unit: 'px' },
            },
          ],
        });
      }
    }
    let previous = colors;
    for (let depth = 1; depth <= 3; depth++) {
      const layer: string[] = [];
      for (let i = 0; i < aliasLayer; i++) {
        const path = ['semantic', `d${depth}`, `t${i}`];
        layer.push(path.join('.'));
        put(path, { $type: 'color', $value: `{${previous[Math.floor(rnd() * previous.length)]}}` });
      }
      previous = layer;
    }
    return doc;
  });
  return {
    format: 'dtcg',
    collectionName: 'synthetic',
    modes: MODES.map((name, m) => ({ name, documents: [docs[m]!] as DtcgTokens['modes'][number]['documents'] })),
  };
}

const bench: Bench = async (report) => {
  const input = syntheticDtcg();
  const runs = { import: [] as number[], resolve: [] as number[], hash: [] as number[], total: [] as number[] };
  let tokens = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    const { tokens: set } = importDtcg(input);
    const t1 = performance.now();
    const { errors } = resolveTokenSet(set);
    const t2 = performance.now();
    hashTokenSet(set);
    const t3 = performance.now();
    if (errors.length > 0) throw new Error(`synthetic set does not resolve: ${errors[0]!.message}`);
    tokens = set.tokens.length;
    runs.import.push(t1 - t0);
    runs.resolve.push(t2 - t1);
    runs.hash.push(t3 - t2);
    runs.total.push(t3 - t0);
  }
  const label = `${tokens} tokens × ${MODES.length} modes`;
  report(`core/tokens import DTCG (${label})`, median(runs.import), 'ms');
  report(`core/tokens resolve (${label})`, median(runs.resolve), 'ms');
  report(`core/tokens hash (${label})`, median(runs.hash), 'ms');
  report(`core/tokens import + resolve + hash (${label})`, median(runs.total), 'ms');
};

export default bench;
