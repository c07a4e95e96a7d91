import { describe, expect, it } from 'vitest';
import {
  builtinPatterns,
  createPatternRegistry,
  defaultRegistry,
  generateComponent,
  genericPattern,
  selectPattern,
} from '../../../core/codegen/index.js';
import { loadSpec, loadTokens } from './harness.js';

const pick = (name: string, pattern?: string): string =>
  selectPattern(pattern === undefined ? { name } : { name, pattern }).id;

describe('pattern selection', () => {
  it('by component name', () => {
    for (const name of [
      'Button',
      'Primary Button',
      'IconButton',
      'icon-button',
      '2 Button / Primary',
      'Btn',
      'Filter Chip',
    ]) {
      expect(pick(name), name).toBe('button');
    }
    for (const name of ['Text Field', 'Input', 'TextInput', 'textfield', 'Forms/Search Field', 'Text Area'])
      expect(pick(name), name).toBe('input');
    for (const name of ['Checkbox', 'CheckBox', 'Check Box', 'Checkbox Field', 'Checkbox Card'])
      expect(pick(name), name).toBe('checkbox');
    for (const name of ['Badge', 'Notification Badge', 'Tag', 'Status Pill']) expect(pick(name), name).toBe('badge');
    for (const name of ['Card', 'Product Card', 'Button Card']) expect(pick(name), name).toBe('card');
  });

  it('the rightmost keyword is the head noun; a container word after it means generic', () => {
    expect(pick('Card Button')).toBe('button');
    expect(pick('Button Group')).toBe('generic');
    expect(pick('Checkbox List')).toBe('generic');
    expect(pick('Tag Group / Horizontal')).toBe('generic');
    expect(pick('Avatar')).toBe('generic');
    expect(pick('Buttonish')).toBe('generic');
  });

  it('an explicit pattern wins; an unknown one is read like a name', () => {
    expect(pick('Avatar', 'badge')).toBe('badge');
    expect(pick('Button', 'card')).toBe('card');
    expect(pick('Button', 'Generic')).toBe('generic');
    expect(pick('Whatever', 'text-field')).toBe('input');
    expect(pick('Button', 'no-such-pattern')).toBe('button');
    expect(pick('Avatar', '  ')).toBe('generic');
  });

  it('generateComponent reports the chosen pattern and its version', () => {
    const result = generateComponent(loadSpec('checkbox'), loadTokens());
    expect(result.patternId).toBe('checkbox');
    expect(result.patternVersion).toBe('1.1.0');
    expect(result.files.map((f) => f.path)).toEqual([
      'Checkbox.tsx',
      'Checkbox.module.css',
      'Checkbox.stories.tsx',
      'Checkbox.test.tsx',
    ]);
  });
});

describe('pattern registry', () => {
  it('holds generic plus the semantic patterns, each with a semver version', () => {
    expect(defaultRegistry.list().map((p) => p.id)).toEqual([
      'badge',
      'button',
      'card',
      'checkbox',
      'generic',
      'input',
    ]);
    for (const p of defaultRegistry.list()) {
      expect(p.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(typeof p.generate).toBe('function');
    }
    expect(defaultRegistry.fallback).toBe(genericPattern);
    expect(defaultRegistry.get('button')?.id).toBe('button');
  });

  it('a pattern generates the component files on its own', () => {
    const files = defaultRegistry.get('generic')?.generate(loadSpec('button'), loadTokens()) ?? [];
    expect(files.map((f) => f.path)).toEqual([
      'Button.tsx',
      'Button.module.css',
      'Button.stories.tsx',
      'Button.test.tsx',
    ]);
    expect(files[0]?.content).toContain('<div');
  });

  it('rejects duplicates, bad versions and a missing fallback', () => {
    expect(() => createPatternRegistry([genericPattern, genericPattern])).toThrow(/twice/);
    expect(() => createPatternRegistry([{ ...genericPattern, version: 'v1' }])).toThrow(/semver/);
    expect(() => createPatternRegistry(builtinPatterns.filter((p) => p.id !== 'generic'))).toThrow(/fallback/);
  });

  it('a custom registry drives selection', () => {
    const registry = createPatternRegistry([genericPattern, { ...genericPattern, id: 'avatar', keywords: ['avatar'] }]);
    expect(selectPattern({ name: 'User Avatar' }, registry).id).toBe('avatar');
    expect(selectPattern({ name: 'Button' }, registry).id).toBe('generic');
  });
});
