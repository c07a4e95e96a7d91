// Change detection at design-system scale: two 5,000-token, 3-mode sets that differ in 2% of
// their values, 200 component specs bound to them. Measures what a sync does per file: token
// diff, impact analysis, then one bump decision per affected component.
import type { Bench } from './types.js';
import { median, prng } from './support.js';
import type { ComponentSpec } from '../core/contract/specs.js';
import type { ModeValue, Token, TokenSet } from '../core/contract/tokens.js';
import { affectedComponents, decideBump, diffTokenSets, tokenNameLookup } from '../core/changes/index.js';

const TOKENS = 5_000;
const PRIMITIVES = 1_000;
const MODES = [
  { id: 'm1', name: 'Light' },
  { id: 'm2', name: 'Dark' },
  { id: 'm3', name: 'Contrast' },
];
const CHANGED_SHARE = 0.02;
const SPECS = 200;
const RUNS = 7;

function literal(i: number, r: () => number): ModeValue {
  if (i % 3 === 0) return { value: Math.round(r() * 64), unit: 'px' };
  const c = [r(), r(), r()];
  const hex = `#${c
    .map((x) =>
      Math.round(x * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
  return { colorSpace: 'srgb', components: c, hex };
}

function buildSets(): { before: TokenSet; after: TokenSet; specs: ComponentSpec[] } {
  const r = prng(42);
  const tokens: Token[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const valuesByMode: Record<string, ModeValue> = {};
    for (const m of MODES) {
      // the first 1,000 are primitives; half of the rest alias a primitive or, now and then, an
      // earlier semantic token (chains of two or three)
      const aliasing = i >= PRIMITIVES && r() < 0.5;
      const target = r() < 0.9 ? Math.floor(r() * PRIMITIVES) : PRIMITIVES + Math.floor(r() * (i - PRIMITIVES));
      valuesByMode[m.id] = aliasing ? { alias: `V:${target}` } : literal(i, r);
    }
    tokens.push({
      id: `V:${i}`,
      name: `group${i % 50}/token${i}`,
      collectionId: 'c1',
      type: i % 3 === 0 ? 'dimension' : 'color',
      valuesByMode,
    });
  }
  const collections = [{ id: 'c1', name: 'Theme', modes: MODES, defaultModeId: 'm1' }];
  const before: TokenSet = { collections, tokens };

  const changed = tokens.map((t) => ({ ...t, valuesByMode: { ...t.valuesByMode } }));
  const values = TOKENS * MODES.length;
  for (let n = 0; n < values * CHANGED_SHARE; n++) {
    const i = Math.floor(r() * TOKENS);
    const mode = MODES[Math.floor(r() * MODES.length)]!.id;
    changed[i]!.valuesByMode[mode] = literal(i, r);
  }
  const after: TokenSet = { collections, tokens: changed };

  const slots = ['fill', 'stroke', 'paddingLeft', 'paddingRight', 'gap', 'radius', 'label.typography', 'label.fill'];
  const specs: ComponentSpec[] = [];
  for (let s = 0; s < SPECS; s++) {
    const variants = ['sm', 'md', 'lg', 'xl'].map((size, v) => ({
      id: `${s}:${v}`,
      values: { size },
      bindings: Object.fromEntries(slots.map((slot) => [slot, `V:${Math.floor(r() * TOKENS)}`])),
    }));
    specs.push({
      id: `${s}:0`,
      name: `Component${s}`,
      props: [{ name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['sm', 'md', 'lg', 'xl'] }],
      variants,
    });
  }
  return { before, after, specs };
}

const bench: Bench = async (report) => {
  const { before, after, specs } = buildSets();
  const diffMs: number[] = [];
  const impactMs: number[] = [];
  const bumpMs: number[] = [];
  let changes = 0;
  let affected = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const t0 = performance.now();
    const tokenChanges = diffTokenSets(before, after);
    const t1 = performance.now();
    const impacts = affectedComponents(tokenChanges, specs, [before, after]);
    const t2 = performance.now();
    const names = tokenNameLookup(before, after);
    for (const impact of impacts) decideBump({ tokenChanges: impact.changes, tokenName: names });
    const t3 = performance.now();
    if (run === 0) continue; // warm-up
    diffMs.push(t1 - t0);
    impactMs.push(t2 - t1);
    bumpMs.push(t3 - t2);
    changes = tokenChanges.length;
    affected = impacts.length;
  }
  const total = diffMs.map((d, i) => d + impactMs[i]! + bumpMs[i]!);
  report('core-changes: token diff (5k tokens × 3 modes)', median(diffMs), 'ms');
  report('core-changes: impact analysis (200 specs)', median(impactMs), 'ms');
  report('core-changes: bump decisions (affected specs)', median(bumpMs), 'ms');
  report('core-changes: diff + impact + bumps', median(total), 'ms');
  report('core-changes: token changes found', changes, 'changes');
  report('core-changes: components affected', affected, 'components');
};

export default bench;
