import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateNames,
  asciiFold,
  componentIdentifier,
  cssSlug,
  joinDigits,
  modeSlug,
  modeSlugs,
  propIdentifier,
  words,
} from '../../../core/codegen/names.js';

const IDENT = /^[A-Za-z][A-Za-z0-9]*$/;

describe('names', () => {
  it('splits designer names into words', () => {
    expect(words('Has Icon?')).toEqual(['Has', 'Icon']);
    expect(words('IconButton')).toEqual(['Icon', 'Button']);
    expect(words('HTMLInput')).toEqual(['HTML', 'Input']);
    expect(words('2 Button / Primary')).toEqual(['2', 'Button', 'Primary']);
    expect(asciiFold('Größe Ærø Crème')).toBe('Grosse AEro Creme');
  });

  it('makes component identifiers valid, PascalCase and clear of names the generated code uses', () => {
    expect(componentIdentifier('2 Button / Primary')).toBe('Component2ButtonPrimary');
    expect(componentIdentifier('Größe')).toBe('Grosse');
    expect(componentIdentifier('class')).toBe('Class');
    expect(componentIdentifier('icon button')).toBe('IconButton');
    expect(componentIdentifier('ReactNode')).toBe('ReactNodeComponent');
    expect(componentIdentifier('Boolean')).toBe('BooleanComponent');
    expect(componentIdentifier('ボタン')).toMatch(/^Component[0-9a-f]{8}$/);
    expect(componentIdentifier('ボタン')).not.toBe(componentIdentifier('ラベル'));
  });

  it('makes prop identifiers valid camelCase, avoiding reserved words', () => {
    const reserved = new Set(['className', 'children']);
    expect(propIdentifier('Has Icon?', reserved)).toBe('hasIcon');
    expect(propIdentifier('default', reserved)).toBe('defaultProp');
    expect(propIdentifier('class', reserved)).toBe('classProp');
    expect(propIdentifier('className', reserved)).toBe('classNameProp');
    expect(propIdentifier('2xl', reserved)).toBe('prop2xl');
  });

  it('makes class slugs from any value', () => {
    expect(cssSlug('x-large')).toBe('x-large');
    expect(cssSlug('2xl')).toBe('2xl');
    expect(cssSlug('')).toBe('empty');
    expect(cssSlug('Extra Large')).toBe('extra-large');
    expect(cssSlug('★')).toMatch(/^u[0-9a-f]{8}$/);
  });

  it('settles collisions by rank, never by input order', () => {
    const requests = [
      { key: 'Size', desired: 'size', rank: ['1', 'Size'] },
      { key: 'size', desired: 'size', rank: ['0', 'size'] },
      { key: 'SIZE', desired: 'size', rank: ['1', 'SIZE'] },
    ];
    const a = allocateNames(requests, new Set(), joinDigits);
    const b = allocateNames([...requests].reverse(), new Set(), joinDigits);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect(a.get('size')).toBe('size');
    expect(new Set(a.values()).size).toBe(3);
  });

  it('any name gives a valid identifier (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (name) => {
        expect(componentIdentifier(name)).toMatch(IDENT);
        expect(propIdentifier(name, new Set())).toMatch(IDENT);
        expect(cssSlug(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }),
    );
  });
});

describe('modeSlug', () => {
  it('writes mode names as CSS authors write [data-theme] values: lower case, camelCase split, a capitalised run kept whole', () => {
    const cases: Array<[string, string]> = [
      ['iOS-xxxlarge', 'ios-xxxlarge'],
      ['iOS (80%)', 'ios-80'],
      ['xSmall', 'x-small'],
      ['XSmall', 'x-small'],
      ['darkMode', 'dark-mode'],
      ['High Contrast', 'high-contrast'],
      ['theme-light', 'theme-light'],
      ['Dark', 'dark'],
      ['', 'empty'],
    ];
    expect(cases.map(([name]) => modeSlug(name))).toEqual(cases.map(([, slug]) => slug));
  });

  it('keeps the values of one collection unique, in mode order', () => {
    expect([
      ...modeSlugs([
        { id: 'a', name: 'Dark' },
        { id: 'b', name: 'DARK' },
        { id: 'c', name: 'dark' },
      ]).values(),
    ]).toEqual(['dark', 'dark-2', 'dark-3']);
  });
});
