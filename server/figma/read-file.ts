/**
 * What a tracked Figma file holds now, as the same sync request the plugin sends, so a poll or
 * a webhook goes through the one sync pipeline.
 *
 * Tokens come from the variables endpoint when the plan allows it (Enterprise); otherwise from
 * the snapshot the plugin left in the file's shared plugin data, and then the snapshot's
 * components too, since they were extracted together. Calls are kept few because Figma's
 * per-seat limits are low: meta, variables, published sets, components and styles, then one `nodes` call
 * for components and style definitions (a second only for unpublished styles the components use).
 */
import type { GetFileNodesResponse, Style } from '@figma/rest-api-spec';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import { LIMITS } from '../../core/contract/limits.js';
import { specsFromRestNodes } from '../../core/specs/from-rest.js';
import { normalizeFromRest } from '../../core/tokens/figma-rest.js';
import type { FigmaClient, FigmaCredentials } from './client.js';
import { FigmaApiError, FigmaReadError } from './errors.js';
import { DOCUMENT_NODE_ID, snapshotFromNodes } from './read-snapshot.js';

export interface ReadFileOptions {
  /** node ids of components the project already tracks (unpublished ones are in no listing) */
  knownComponentIds?: readonly string[];
  /** the file's version and name as the caller already knows them (a check reads meta first to see whether the version moved) */
  seen?: { version: string; name: string };
}

export interface FileSyncRequest {
  fileKey: string;
  fileName: string;
  fileVersion: string;
  tokens: TokenSet;
  components: ComponentSpec[];
}

export interface FileDesign {
  /** `file.version` of the meta call made first: if the file changes while it is read, the next poll sees a newer one */
  version: string;
  name: string;
  request: FileSyncRequest;
  source: 'variables' | 'snapshot';
  warnings: string[];
  /** when the plugin wrote the snapshot (source "snapshot") */
  snapshotSyncedAt?: string;
}

type NodeEntries = GetFileNodesResponse['nodes'];

const NODE_ID = /^I?\d+:\d+(;\d+:\d+)*$/;

export async function readFileDesign(
  client: FigmaClient,
  fileKey: string,
  credentials: FigmaCredentials,
  options: ReadFileOptions = {},
): Promise<FileDesign> {
  try {
    return await read(client, fileKey, credentials, options);
  } catch (error) {
    if (error instanceof FigmaApiError || error instanceof FigmaReadError) throw error;
    const said = error instanceof Error ? error.message : String(error);
    throw new FigmaReadError(fileKey, `Reading Figma file ${fileKey} failed unexpectedly: ${said}`, { cause: error });
  }
}

async function read(
  client: FigmaClient,
  fileKey: string,
  credentials: FigmaCredentials,
  options: ReadFileOptions,
): Promise<FileDesign> {
  const { version, name } = options.seen ?? (await client.fileMeta(fileKey, credentials)).file;
  const warnings: string[] = [];
  const request = (tokens: TokenSet, components: ComponentSpec[]): FileSyncRequest => ({
    fileKey,
    fileName: name.slice(0, 200),
    fileVersion: version.slice(0, 100),
    tokens,
    components,
  });

  let variables;
  try {
    variables = await client.localVariables(fileKey, credentials);
  } catch (error) {
    if (!(error instanceof FigmaApiError && error.kind === 'forbidden')) throw error;
    const answer = await client.nodes(fileKey, [DOCUMENT_NODE_ID], credentials, { pluginData: 'shared', depth: 1 });
    const { content, manifest } = snapshotFromNodes(fileKey, answer);
    warnings.push(
      `Variables are not readable over Figma's REST API for this file (${error.figmaMessage ?? '403'}; Enterprise only): ` +
        `tokens and components come from the design-sync plugin snapshot written ${manifest.syncedAt}, so changes made since the last plugin sync are not seen`,
    );
    return {
      version,
      name,
      request: request(content.tokens, content.components),
      source: 'snapshot',
      warnings,
      snapshotSyncedAt: manifest.syncedAt,
    };
  }

  const [sets, lone, published] = await Promise.all([
    client.componentSets(fileKey, credentials),
    client.components(fileKey, credentials),
    client.fileStyles(fileKey, credentials),
  ]);
  const known: string[] = [];
  for (const id of options.knownComponentIds ?? []) {
    // One malformed id would make Figma refuse the whole nodes call with a 400.
    if (NODE_ID.test(id)) known.push(id);
    else warnings.push(`Tracked component id ${JSON.stringify(id)} is not a Figma node id; skipped`);
  }
  // Variants are listed as components too; only those outside a set are components of their own.
  // Older answers name a variant's set only as `containingStateGroup` (its deprecated name).
  const setOf = (c: (typeof lone.meta.components)[number]) =>
    c.containing_frame?.containingComponentSet?.nodeId ?? c.containing_frame?.containingStateGroup?.nodeId;
  const loneIds = lone.meta.components.filter((c) => !setOf(c)).map((c) => c.node_id);
  const componentIds = [...new Set([...sets.meta.component_sets.map((s) => s.node_id), ...loneIds, ...known])];
  if (componentIds.length > LIMITS.componentsPerSync) {
    throw new FigmaReadError(
      fileKey,
      `File ${fileKey} has ${componentIds.length} component sets and tracked components; a sync takes at most ${LIMITS.componentsPerSync}`,
    );
  }
  const styles: Record<string, Style> = {};
  for (const s of published.meta.styles) {
    styles[s.node_id] = {
      key: s.key,
      name: s.name,
      description: s.description ?? '',
      remote: false,
      styleType: s.style_type,
    };
  }

  const firstIds = [...new Set([...componentIds, ...Object.keys(styles)])];
  const fetched: NodeEntries =
    firstIds.length > 0 ? (await nodesChecked(client, fileKey, firstIds, credentials, version, warnings)).nodes : {};

  const componentEntries: NodeEntries = {};
  for (const id of componentIds) {
    const entry = fetched[id];
    if (!entry) {
      warnings.push(`Component node ${id} is not in file ${fileKey} any more; left out`);
      continue;
    }
    componentEntries[id] = entry;
    // Styles a component uses are named in its entry even when they are not published.
    for (const [styleId, style] of Object.entries(entry.styles ?? {})) styles[styleId] ??= style;
  }

  const missingStyleIds = Object.entries(styles)
    .filter(([id, s]) => !s.remote && !(id in fetched))
    .map(([id]) => id);
  const styleNodes: NodeEntries = { ...fetched };
  if (missingStyleIds.length > 0)
    Object.assign(
      styleNodes,
      (await nodesChecked(client, fileKey, missingStyleIds, credentials, version, warnings)).nodes,
    );

  const tokens = normalizeFromRest({ variables, styles, styleNodes });
  warnings.push(...tokens.warnings);
  const components = specsFromRestNodes({ nodes: componentEntries }, { warn: (message) => warnings.push(message) });
  return { version, name, request: request(tokens.tokens, components), source: 'variables', warnings };
}

async function nodesChecked(
  client: FigmaClient,
  fileKey: string,
  ids: string[],
  credentials: FigmaCredentials,
  version: string,
  warnings: string[],
): Promise<GetFileNodesResponse> {
  // geometry=paths: the layer trees carry their vectors' SVG paths (DESIGN.md "Layer tree").
  const answer = await client.nodes(fileKey, ids, credentials, { geometry: 'paths' });
  if (answer.version !== version && !warnings.some((w) => w.startsWith('File changed while'))) {
    warnings.push(
      `File changed while it was read (version ${version} at the start, ${answer.version} now); the next check reads it again`,
    );
  }
  return answer;
}
