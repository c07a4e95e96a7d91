import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetFileNodesResponse, GetFileResponse, GetLocalVariablesResponse } from '@figma/rest-api-spec';

const dir = join(process.cwd(), 'test/fixtures/figma');
const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

/*
 * Fixture types come from the real typings: `Pick`s of the Plugin API types (plain JSON has
 * no methods) and the REST response types. Passing them to the normalizers checks, at type
 * level, that objects shaped like the real API fit.
 */
export type FixtureVariable = Pick<
  Variable,
  | 'id'
  | 'name'
  | 'key'
  | 'description'
  | 'remote'
  | 'hiddenFromPublishing'
  | 'resolvedType'
  | 'variableCollectionId'
  | 'scopes'
  | 'codeSyntax'
  | 'valuesByMode'
>;
export type FixtureCollection = Pick<
  VariableCollection,
  'id' | 'name' | 'key' | 'remote' | 'isExtension' | 'hiddenFromPublishing' | 'modes' | 'defaultModeId' | 'variableIds'
>;
type StyleKeys = 'id' | 'key' | 'name' | 'description' | 'remote' | 'type';
export type FixturePaintStyle = Pick<PaintStyle, StyleKeys | 'paints'>;
export type FixtureTextStyle = Pick<
  TextStyle,
  | StyleKeys
  | 'fontName'
  | 'fontSize'
  | 'lineHeight'
  | 'letterSpacing'
  | 'paragraphSpacing'
  | 'paragraphIndent'
  | 'textCase'
  | 'textDecoration'
  | 'boundVariables'
>;
export type FixtureEffectStyle = Pick<EffectStyle, StyleKeys | 'effects'>;
export type FixtureGridStyle = Pick<GridStyle, StyleKeys | 'layoutGrids'>;

export interface PluginFixture {
  collections: FixtureCollection[];
  variables: FixtureVariable[];
  paintStyles: FixturePaintStyle[];
  textStyles: FixtureTextStyle[];
  effectStyles: FixtureEffectStyle[];
  gridStyles: FixtureGridStyle[];
}

export const pluginFixture = (): PluginFixture => read('plugin-file.json') as PluginFixture;

export interface RestFixture {
  variables: GetLocalVariablesResponse;
  styles: GetFileResponse['styles'];
  nodes: GetFileNodesResponse['nodes'];
}

export const restFixture = (): RestFixture => {
  const styles = read('rest-file-styles.json') as { styles: RestFixture['styles']; nodes: RestFixture['nodes'] };
  return {
    variables: read('rest-variables-local.json') as GetLocalVariablesResponse,
    styles: styles.styles,
    nodes: styles.nodes,
  };
};
