/**
 * The fake design `layerTreeDesign` (test/fakes/figma/layers-fixture.ts) as fidelity fixtures,
 * read both ways: by the plugin through the fake `figma` global and by a poll through the fake
 * REST API (`nodes?geometry=paths`). Its boxes were typed by hand (no font's metrics made its
 * text boxes), so they are `typed` geometry: measured and printed, never counted as real.
 */
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import { extractFile } from '../../plugin/main/extract/index.js';
import { FigmaClient } from '../../server/figma/client.js';
import { readFileDesign } from '../../server/figma/read-file.js';
import { createFakeFigma, layerTreeDesign } from '../fakes/figma/index.js';
import { restNodesFromSeed, restVariablesFromSeed, startFakeFigmaRest } from '../fakes/figma-rest/index.js';
import type { FidelityFixture, FixtureKind } from './render-measure.js';

const FILE = 'layers-fixture.ts: layerTreeDesign';

function kindOf(spec: ComponentSpec): FixtureKind {
  const mode = spec.variants[0]?.layers?.layout?.layoutMode;
  return mode === 'HORIZONTAL' || mode === 'VERTICAL' || mode === 'GRID' ? 'auto-layout' : 'absolute';
}

function fixtures(reader: string, components: readonly ComponentSpec[], tokens: TokenSet): FidelityFixture[] {
  return [...components]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((spec) => ({
      name: `${FILE} (${reader}): ${spec.name}`,
      kind: kindOf(spec),
      spec,
      tokens,
      geometry: 'typed',
    }));
}

/** The fake design's components through the plugin reader, then through the REST reader. */
export async function loadLayerTreeFixtures(): Promise<FidelityFixture[]> {
  const seed = layerTreeDesign();
  const restore = createFakeFigma(seed, { fileKey: 'FidelityLayers1' }).install();
  let plugin;
  try {
    plugin = await extractFile('FidelityLayers1', () => undefined);
  } finally {
    restore();
  }
  const rest = await startFakeFigmaRest();
  try {
    const nodes = restNodesFromSeed(seed);
    rest.setFile('FidelityLayers2', {
      name: seed.name,
      version: '1',
      variables: restVariablesFromSeed(seed),
      ...nodes,
    });
    const client = new FigmaClient({ baseUrl: rest.url, timeoutMs: 5000 });
    const read = await readFileDesign(client, 'FidelityLayers2', rest.credentials.pat, {
      knownComponentIds: Object.keys(nodes.nodes),
    });
    return [
      ...fixtures('plugin reader', plugin.request.components, plugin.request.tokens),
      ...fixtures('REST reader', read.request.components, read.request.tokens),
    ];
  } finally {
    await rest.close();
  }
}
