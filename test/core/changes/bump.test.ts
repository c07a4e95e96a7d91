import { describe, expect, it } from 'vitest';
import type { PatternChange, SpecChange, TokenChange } from '../../../core/contract/changes.js';
import { decideBump, formatValue, patternChange, severityOf } from '../../../core/changes/index.js';
import { alias, color, px } from './helpers.js';

const tok = (c: Partial<TokenChange> & Pick<TokenChange, 'kind'>): TokenChange => ({
  tokenId: 'V:1',
  name: 'color/primary',
  ...c,
});
const one = (input: Parameters<typeof decideBump>[0]): { bump: string; reason: string | undefined } => {
  const d = decideBump(input);
  return { bump: d.bump, reason: d.reasons[0] };
};

describe('decideBump: token changes', () => {
  it.each<[TokenChange, string, string]>([
    [tok({ kind: 'removed', name: 'color/old' }), 'major', 'token color/old removed'],
    [
      tok({ kind: 'typeChanged', before: 'color', after: 'dimension' }),
      'major',
      'token color/primary type changed color → dimension',
    ],
    [
      tok({ kind: 'modified', mode: 'Dark', before: color('#0055ff'), after: color('#0044dd') }),
      'minor',
      'token color/primary changed #0055ff → #0044dd in mode Dark',
    ],
    [
      tok({ kind: 'modified', name: 'space/md', mode: 'Default', before: px(16), after: px(20) }),
      'minor',
      'token space/md changed 16px → 20px in mode Default',
    ],
    [
      tok({ kind: 'modified', mode: 'Dark', after: color('#0044dd') }),
      'minor',
      'token color/primary set to #0044dd in mode Dark',
    ],
    [
      tok({ kind: 'modified', mode: 'Dark', before: color('#0044dd') }),
      'minor',
      'token color/primary no longer defined in mode Dark (was #0044dd)',
    ],
    [
      tok({ kind: 'renamed', name: 'color/brand', previousName: 'color/primary' }),
      'minor',
      'token color/primary renamed to color/brand',
    ],
    [tok({ kind: 'added', name: 'color/new' }), 'minor', 'token color/new added'],
    [tok({ kind: 'descriptionChanged', after: 'x' }), 'patch', 'token color/primary description changed'],
  ])('%o → %s', (change, bump, reason) => {
    expect(one({ tokenChanges: [change] })).toEqual({ bump, reason });
  });

  it('shows alias targets by name when a lookup is given', () => {
    const change = tok({ kind: 'modified', mode: 'Light', before: alias('V:2'), after: alias('V:3') });
    const names: Record<string, string> = { 'V:2': 'blue/500', 'V:3': 'blue/600' };
    expect(decideBump({ tokenChanges: [change], tokenName: (id) => names[id] }).reasons).toEqual([
      'token color/primary changed {blue/500} → {blue/600} in mode Light',
    ]);
    expect(decideBump({ tokenChanges: [change] }).reasons).toEqual([
      'token color/primary changed {V:2} → {V:3} in mode Light',
    ]);
  });
});

describe('decideBump: spec changes', () => {
  it.each<[SpecChange, string, string]>([
    [{ kind: 'propRemoved', prop: 'size' }, 'major', 'prop `size` removed'],
    [
      { kind: 'propTypeChanged', prop: 'size', before: 'variant', after: 'boolean' },
      'major',
      'prop `size` type changed variant → boolean',
    ],
    [{ kind: 'propRenamed', prop: 'text', before: 'label', after: 'text' }, 'major', 'prop `label` renamed to `text`'],
    [{ kind: 'optionRemoved', prop: 'size', option: 'xl' }, 'major', 'option `xl` of `size` removed'],
    [
      { kind: 'nameChanged', before: 'Button', after: 'PrimaryButton' },
      'major',
      'component renamed `Button` → `PrimaryButton`',
    ],
    [{ kind: 'propAdded', prop: 'icon' }, 'minor', 'prop `icon` added'],
    [{ kind: 'optionAdded', prop: 'size', option: 'xl' }, 'minor', 'option `xl` of `size` added'],
    [
      { kind: 'defaultChanged', prop: 'size', before: 'md', after: 'lg' },
      'minor',
      'default of `size` changed `md` → `lg`',
    ],
    [
      { kind: 'defaultChanged', prop: 'disabled', before: false, after: true },
      'minor',
      'default of `disabled` changed `false` → `true`',
    ],
    [{ kind: 'variantAdded', variant: 'size=xl' }, 'minor', 'variant `size=xl` added'],
    [{ kind: 'variantRemoved', variant: 'size=xl' }, 'minor', 'variant `size=xl` removed'],
    [
      { kind: 'bindingChanged', variant: 'size=lg', binding: 'fill', before: 'V:1', after: 'V:2' },
      'minor',
      'binding `fill` of variant `size=lg` changed V:1 → V:2',
    ],
    [
      { kind: 'bindingChanged', variant: 'size=lg', binding: 'gap', after: 'V:2' },
      'minor',
      'binding `gap` of variant `size=lg` added: V:2',
    ],
    [
      { kind: 'bindingChanged', variant: '', binding: 'gap', before: 'V:2' },
      'minor',
      'binding `gap` removed (was V:2)',
    ],
    [{ kind: 'descriptionChanged', after: 'Hi' }, 'patch', 'description changed'],
  ])('%o → %s', (change, bump, reason) => {
    expect(one({ specChanges: [change] })).toEqual({ bump, reason });
  });

  it('names bound tokens when a lookup is given', () => {
    const change: SpecChange = {
      kind: 'bindingChanged',
      variant: 'size=lg',
      binding: 'fill',
      before: 'V:1',
      after: 'V:2',
    };
    const names: Record<string, string> = { 'V:1': 'color/primary', 'V:2': 'color/secondary' };
    expect(decideBump({ specChanges: [change], tokenName: (id) => names[id] }).reasons).toEqual([
      'binding `fill` of variant `size=lg` changed color/primary → color/secondary',
    ]);
  });
});

describe('decideBump: pattern changes', () => {
  const pc = (before: PatternChange['before'], after: PatternChange['after']): PatternChange => ({
    kind: 'patternChanged',
    before,
    after,
  });
  it.each<[PatternChange, string, string]>([
    [
      pc({ id: 'button', version: '1.2.0' }, { id: 'button', version: '2.0.0' }),
      'major',
      'pattern button 1.2.0 → 2.0.0',
    ],
    [
      pc({ id: 'generic', version: '1.0.0' }, { id: 'button', version: '1.0.0' }),
      'major',
      'pattern generic 1.0.0 → button 1.0.0',
    ],
    [pc(null, { id: 'button', version: '1.2.0' }), 'major', 'pattern button 1.2.0 selected'],
    [
      pc({ id: 'button', version: '1.2.0' }, { id: 'button', version: '1.3.0' }),
      'minor',
      'pattern button 1.2.0 → 1.3.0',
    ],
    [
      pc({ id: 'button', version: '1.2.0' }, { id: 'button', version: '1.2.1' }),
      'patch',
      'generated output changed (pattern button 1.2.0 → 1.2.1)',
    ],
    [
      pc({ id: 'button', version: '1.2.0-rc.1' }, { id: 'button', version: '1.2.0-rc.2' }),
      'patch',
      'generated output changed (pattern button 1.2.0-rc.1 → 1.2.0-rc.2)',
    ],
  ])('%o → %s', (change, bump, reason) => {
    expect(one({ patternChange: change })).toEqual({ bump, reason });
  });

  it('ignores an unchanged pattern; patternChange() returns null for it', () => {
    expect(decideBump({ patternChange: pc({ id: 'b', version: '1.0.0' }, { id: 'b', version: '1.0.0' }) }).bump).toBe(
      'none',
    );
    expect(patternChange({ id: 'b', version: '1.0.0' }, { id: 'b', version: '1.0.0' })).toBeNull();
    expect(patternChange(undefined, { id: 'b', version: '1.0.0' })).toEqual(pc(null, { id: 'b', version: '1.0.0' }));
  });
});

describe('decideBump: combining', () => {
  it('takes the worst change and lists reasons most severe first', () => {
    const d = decideBump({
      tokenChanges: [
        tok({ kind: 'descriptionChanged' }),
        tok({ kind: 'modified', mode: 'Light', before: 1, after: 2 }),
      ],
      specChanges: [{ kind: 'optionRemoved', prop: 'size', option: 'xl' }],
    });
    expect(d.bump).toBe('major');
    expect(d.severity).toBe('breaking');
    expect(d.reasons).toEqual([
      'option `xl` of `size` removed',
      'token color/primary changed 1 → 2 in mode Light',
      'token color/primary description changed',
    ]);
    expect(d.changes.map((c) => c.bump)).toEqual(['major', 'minor', 'patch']);
  });

  it('is none with no changes or with equal input hashes', () => {
    expect(decideBump({})).toMatchObject({ bump: 'none', severity: 'none', reasons: [] });
    expect(
      decideBump({ specChanges: [{ kind: 'propRemoved', prop: 'x' }], inputsHash: { before: 'h', after: 'h' } }).bump,
    ).toBe('none');
    expect(
      decideBump({ specChanges: [{ kind: 'propRemoved', prop: 'x' }], inputsHash: { before: null, after: 'h' } }).bump,
    ).toBe('major');
  });

  it('makes a rollback a patch whatever it reverts', () => {
    const d = decideBump({ specChanges: [{ kind: 'propRemoved', prop: 'x' }], rollback: { toVersion: '1.2.0' } });
    expect(d.bump).toBe('patch');
    expect(d.reasons).toEqual(['rollback to 1.2.0', 'prop `x` removed']);
    expect(decideBump({ rollback: true }).reasons).toEqual(['rollback']);
  });

  it('drops duplicate reasons', () => {
    const change: SpecChange = { kind: 'propAdded', prop: 'x' };
    expect(decideBump({ specChanges: [change, change] }).reasons).toEqual(['prop `x` added']);
  });

  it('maps bumps to severities', () => {
    expect(['major', 'minor', 'patch', 'none'].map((b) => severityOf(b as never))).toEqual([
      'breaking',
      'feature',
      'fix',
      'none',
    ]);
  });
});

describe('formatValue', () => {
  it.each<[unknown, string]>([
    [color('#0055FF'), '#0055ff'],
    [color('#0055ff', 0.5), '#0055ff80'],
    [{ colorSpace: 'srgb', components: [1, 0, 0] }, '#ff0000'],
    [{ colorSpace: 'oklch', components: [0.7, 0.1, 200], alpha: 0.5 }, 'oklch(0.7 0.1 200 / 0.5)'],
    [{ colorSpace: 'srgb', components: ['none', 0, 0] }, 'srgb(none 0 0)'],
    [px(16), '16px'],
    [{ value: 1.5, unit: 'rem' }, '1.5rem'],
    [{ value: 200, unit: 'ms' }, '200ms'],
    [400, '400'],
    [true, 'true'],
    ['Inter', '"Inter"'],
    [undefined, '(none)'],
    [null, 'null'],
    [[0.4, 0, 0.2, 1], '[0.4,0,0.2,1]'],
    [{ fontFamily: 'Inter', fontSize: { alias: 'V:9' } }, '{"fontFamily":"Inter","fontSize":{"alias":"V:9"}}'],
    [{ text: 'x'.repeat(100) }, `{"text":"${'x'.repeat(70)}…`],
  ])('%o → %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});
