import type { GetFileNodesResponse, GetFileResponse, GetLocalVariablesResponse } from '@figma/rest-api-spec';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  normalizeFromPluginApi,
  normalizeFromRest,
  pluginStyleId,
  sortTokenSet,
  validateTokenSet,
  type RestTokensInput,
} from '../../../core/tokens/index.js';
import { pluginFixture, restFixture } from './support/fixtures.js';

const fromRest = () => {
  const r = restFixture();
  return normalizeFromRest({ variables: r.variables, styles: r.styles, styleNodes: r.nodes });
};

describe('normalizeFromRest', () => {
  it('takes the REST response types as they are (type level)', () => {
    expectTypeOf<{
      variables: GetLocalVariablesResponse;
      styles: GetFileResponse['styles'];
      styleNodes: GetFileNodesResponse['nodes'];
    }>().toExtend<RestTokensInput>();
  });

  it('gives the same token set as the Plugin API for the same file (ids included), library variables too', () => {
    const rest = fromRest();
    // The plugin keeps the library variables it follows from the file, as REST lists those the file uses.
    const plugin = normalizeFromPluginApi(pluginFixture(), { keepRemote: true });
    expect(rest.tokens.tokens.find((t) => t.id === 'VariableID:lib/1')?.source).toEqual({
      kind: 'variable',
      ref: 'v91',
      remote: true,
    });
    expect(sortTokenSet(rest.tokens)).toEqual(sortTokenSet(plugin.tokens));
    // REST also lists the library style the plugin never sees
    expect(rest.warnings).toEqual([
      ...plugin.warnings,
      'Skipped 1 remote (library) style(s): only local styles are kept',
    ]);
  });

  it('names style tokens with the Plugin API style id built from key and node id', () => {
    expect(pluginStyleId('paint-brand', '10:1')).toBe('S:paint-brand,10:1');
    const ids = fromRest()
      .tokens.tokens.filter((t) => t.collectionId === 'styles')
      .map((t) => t.id);
    expect(ids).toContain('S:text-h1,11:1');
  });

  it('reads REST text styles: px letter spacing, FONT_SIZE_% line height as a ratio, INTRINSIC_% as auto', () => {
    const tokens = fromRest().tokens.tokens;
    expect(tokens.find((t) => t.name === 'Heading/H1')!.valuesByMode.default).toMatchObject({
      letterSpacing: { value: -0.64, unit: 'px' },
      lineHeight: { value: 40, unit: 'px' },
    });
    expect(tokens.find((t) => t.name === 'Body/Regular')!.valuesByMode.default).toMatchObject({ lineHeight: 1.5 });
    expect(tokens.find((t) => t.name === 'Body/Strong')!.valuesByMode.default).not.toHaveProperty('lineHeight');
  });

  it('skips styles whose node was not fetched, and works with variables or styles alone', () => {
    const r = restFixture();
    const { ['11:1']: _h1, ...nodes } = r.nodes;
    const partial = normalizeFromRest({ styles: r.styles, styleNodes: nodes });
    expect(partial.tokens.tokens.map((t) => t.name)).not.toContain('Heading/H1');
    expect(partial.warnings).toContainEqual('Style "Heading/H1" (11:1): its node was not fetched; skipped');
    // without the variables the style aliases dangle, and validation says so
    const errors = validateTokenSet(partial.tokens).errors;
    expect(errors.map((e) => e.name)).toContain('Brand/Primary');
    expect(errors.find((e) => e.name === 'Brand/Primary')!.message).toMatch(
      /dangling alias Brand\/Primary → "VariableID:1:1"/,
    );

    const variablesOnly = normalizeFromRest({ variables: r.variables });
    expect(variablesOnly.tokens.collections.map((c) => c.id)).not.toContain('styles');
    expect(validateTokenSet(variablesOnly.tokens).errors).toEqual([]);
    expect(normalizeFromRest({})).toEqual({ tokens: { collections: [], tokens: [] }, warnings: [] });
  });

  it('keeps deleted-but-referenced variables so that aliases resolve, with a warning', () => {
    const r = restFixture();
    const blue = { ...r.variables.meta.variables['VariableID:1:1']!, deletedButReferenced: true };
    const result = normalizeFromRest({
      variables: {
        meta: { ...r.variables.meta, variables: { ...r.variables.meta.variables, 'VariableID:1:1': blue } },
      },
    });
    expect(result.tokens.tokens.map((t) => t.id)).toContain('VariableID:1:1');
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/color\/blue\/500.*deleted in Figma but is still referenced/),
    );
  });
});
