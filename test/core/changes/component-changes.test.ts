import { describe, expect, it } from 'vitest';
import type { CollectionChange } from '../../../core/contract/changes.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import {
  classifyCollectionChange,
  componentTokenChanges,
  decideBump,
  diffCollections,
  GENERATED_OUTPUT_CHANGED,
} from '../../../core/changes/index.js';
import { tokenClosure } from '../../../core/tokens/index.js';
import { alias, color, tokenSet } from './helpers.js';

/** brand aliases blue (Light) and navy (Dark); gray is unrelated. A component binds brand. */
const design = (): TokenSet =>
  tokenSet([
    { id: 'blue', name: 'color/blue', valuesByMode: { m1: color('#0000ff'), m2: color('#0000ff') } },
    { id: 'navy', name: 'color/navy', valuesByMode: { m1: color('#000080'), m2: color('#000080') } },
    { id: 'gray', name: 'color/gray', valuesByMode: { m1: color('#808080'), m2: color('#808080') } },
    { id: 'brand', name: 'color/brand', valuesByMode: { m1: alias('blue'), m2: alias('navy') } },
  ]);
const side = (full: TokenSet, refs: string[], known: 'full' | 'closure' = 'full') => ({
  closure: tokenClosure(full, refs),
  full: known === 'full' ? full : null,
  refs,
});
const edit = (set: TokenSet, f: (s: TokenSet) => void): TokenSet => {
  const copy = JSON.parse(JSON.stringify(set)) as TokenSet;
  f(copy);
  return copy;
};
const tok = (set: TokenSet, id: string) => set.tokens.find((t) => t.id === id)!;

describe('componentTokenChanges: the changes that reach one component', () => {
  it('an alias re-pointed to a literal changes the alias; the tokens it aliased still exist and are not removed', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'brand').valuesByMode = { m1: color('#123456'), m2: color('#123456') };
    });
    const { tokenChanges } = componentTokenChanges(side(before, ['brand']), side(after, ['brand']));
    expect(tokenChanges.map((c) => [c.tokenId, c.kind, c.mode])).toEqual([
      ['brand', 'modified', 'Dark'],
      ['brand', 'modified', 'Light'],
    ]);
  });

  it('with only closures known, a token no longer reached is not removed either', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'brand').valuesByMode.m2 = alias('blue');
    });
    const { tokenChanges } = componentTokenChanges(
      side(before, ['brand'], 'closure'),
      side(after, ['brand'], 'closure'),
    );
    expect(tokenChanges.map((c) => [c.tokenId, c.kind])).toEqual([['brand', 'modified']]);
  });

  it('a token gone from the whole set while the component reached it is removed', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'brand').valuesByMode.m2 = alias('blue');
      s.tokens = s.tokens.filter((t) => t.id !== 'navy');
    });
    const { tokenChanges } = componentTokenChanges(side(before, ['brand']), side(after, ['brand']));
    expect(tokenChanges.map((c) => [c.tokenId, c.kind])).toEqual([
      ['brand', 'modified'],
      ['navy', 'removed'],
    ]);
    expect(decideBump({ tokenChanges }).bump).toBe('major');
  });

  it('changes to tokens neither side reaches are left out', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'gray').valuesByMode.m1 = color('#111111');
      s.tokens.push({
        id: 'new',
        name: 'color/new',
        collectionId: 'c1',
        type: 'color',
        valuesByMode: { m1: color('#222222') },
      });
    });
    expect(componentTokenChanges(side(before, ['brand']), side(after, ['brand'])).tokenChanges).toEqual([]);
  });

  it('a newly reached token counts (after), with the full before set; without it, it is taken as unchanged', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'gray').valuesByMode.m1 = color('#111111');
      tok(s, 'brand').valuesByMode.m1 = alias('gray');
    });
    const full = componentTokenChanges(side(before, ['brand']), side(after, ['brand']));
    expect(full.tokenChanges.map((c) => c.tokenId)).toEqual(['brand', 'gray']);
    const known = componentTokenChanges(side(before, ['brand'], 'closure'), side(after, ['brand']));
    expect(known.tokenChanges.map((c) => c.tokenId)).toEqual(['brand']);
    expect(decideBump({ tokenChanges: full.tokenChanges }).bump).toBe(
      decideBump({ tokenChanges: known.tokenChanges }).bump,
    );
  });

  it('refs of either side count: a token bound before only, changed in the same sync, is listed', () => {
    const before = design();
    const after = edit(before, (s) => {
      tok(s, 'gray').valuesByMode.m1 = color('#111111');
    });
    const { tokenChanges } = componentTokenChanges(side(before, ['gray']), side(after, ['blue']));
    expect(tokenChanges.map((c) => c.tokenId)).toEqual(['gray']);
  });

  it('compares the collections of the tokens reached, and only those', () => {
    const before = design();
    before.collections.push({ id: 'c2', name: 'Other', modes: [{ id: 'o1', name: 'One' }], defaultModeId: 'o1' });
    const after = edit(before, (s) => {
      s.collections[0]!.modes[1]!.name = 'Night';
      s.collections[1]!.name = 'Renamed';
    });
    const { collectionChanges } = componentTokenChanges(side(before, ['brand']), side(after, ['brand']));
    expect(collectionChanges).toEqual([
      {
        kind: 'modeRenamed',
        collectionId: 'c1',
        collection: 'Theme',
        mode: 'Dark',
        wasDefault: false,
        before: 'Dark',
        after: 'Night',
      },
    ]);
  });
});

describe('collections and modes', () => {
  const theme = (): TokenSet['collections'][number] => ({
    id: 'c1',
    name: 'Theme',
    modes: [
      { id: 'm1', name: 'Light' },
      { id: 'm2', name: 'Dark' },
    ],
    defaultModeId: 'm1',
  });
  const diff = (f: (c: TokenSet['collections'][number]) => void) => {
    const after = theme();
    f(after);
    return diffCollections({ collections: [theme()], tokens: [] }, { collections: [after], tokens: [] });
  };
  const bumpOf = (changes: CollectionChange[]) => decideBump({ collectionChanges: changes });

  it('diffs modes by id: renamed, removed, added, default changed; the collection by name', () => {
    expect(
      diff((c) => {
        c.modes[1]!.name = 'Night';
      }).map((x) => x.kind),
    ).toEqual(['modeRenamed']);
    expect(
      diff((c) => {
        c.modes.pop();
      }).map((x) => [x.kind, x.mode]),
    ).toEqual([['modeRemoved', 'Dark']]);
    expect(
      diff((c) => {
        c.modes.push({ id: 'm3', name: 'Contrast' });
      }).map((x) => [x.kind, x.mode]),
    ).toEqual([['modeAdded', 'Contrast']]);
    expect(
      diff((c) => {
        c.defaultModeId = 'm2';
      }),
    ).toEqual([
      { kind: 'defaultModeChanged', collectionId: 'c1', collection: 'Theme', before: 'Light', after: 'Dark' },
    ]);
    expect(
      diff((c) => {
        c.name = 'Roles';
      }),
    ).toEqual([
      { kind: 'collectionRenamed', collectionId: 'c1', collection: 'Roles', before: 'Theme', after: 'Roles' },
    ]);
    expect(diffCollections({ collections: [theme()], tokens: [] }, { collections: [], tokens: [] })).toEqual([]);
    // Deleted and re-created under the same name (new ids, as Figma does): the same selectors, no change.
    expect(
      diff((c) => {
        c.modes = [
          { id: 'n1', name: 'Light' },
          { id: 'n2', name: 'Dark' },
        ];
        c.defaultModeId = 'n1';
      }),
    ).toEqual([]);
  });

  it('a mode removed or renamed is major when its selector disappears', () => {
    expect(
      bumpOf(
        diff((c) => {
          c.modes[1]!.name = 'Night';
        }),
      ),
    ).toMatchObject({
      bump: 'major',
      reasons: ['mode Dark of collection Theme renamed to Night ([data-theme="dark"] disappears)'],
    });
    expect(
      bumpOf(
        diff((c) => {
          c.modes.pop();
        }),
      ).bump,
    ).toBe('major');
    // The default mode has no selector (it is :root); a rename keeping the selector removes none.
    expect(
      bumpOf(
        diff((c) => {
          c.modes[0]!.name = 'Day';
        }),
      ).bump,
    ).toBe('patch');
    expect(
      bumpOf(
        diff((c) => {
          c.modes[1]!.name = 'dark';
        }),
      ).bump,
    ).toBe('patch');
  });

  it('a mode added or the default changed is minor; a collection renamed is a patch', () => {
    expect(
      bumpOf(
        diff((c) => {
          c.modes.push({ id: 'm3', name: 'Contrast' });
        }),
      ).bump,
    ).toBe('minor');
    expect(
      bumpOf(
        diff((c) => {
          c.defaultModeId = 'm2';
        }),
      ).bump,
    ).toBe('minor');
    expect(
      bumpOf(
        diff((c) => {
          c.name = 'Roles';
        }),
      ),
    ).toMatchObject({ bump: 'patch', reasons: ['collection Theme renamed to Roles'] });
    expect(
      classifyCollectionChange({
        kind: 'modeRemoved',
        collectionId: 'c1',
        collection: 'Theme',
        mode: 'Light',
        wasDefault: true,
      }).bump,
    ).toBe('major');
  });
});

describe('generated output changed', () => {
  it('turns a silent none into a patch, and adds nothing when a rule already matched', () => {
    expect(decideBump({ generatedOutputChanged: true })).toMatchObject({
      bump: 'patch',
      reasons: [GENERATED_OUTPUT_CHANGED],
    });
    expect(decideBump({ generatedOutputChanged: false }).bump).toBe('none');
    const minor = decideBump({ generatedOutputChanged: true, specChanges: [{ kind: 'propAdded', prop: 'x' }] });
    expect(minor.reasons).toEqual(['prop `x` added']);
    expect(decideBump({ generatedOutputChanged: true, inputsHash: { before: 'a', after: 'a' } }).bump).toBe('none');
  });
});
