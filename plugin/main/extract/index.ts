// Extraction: the open file's variables (every collection and mode), styles and components,
// read with the async Plugin API only (documentAccess: dynamic-page), normalized by core into
// the sync request of DESIGN.md.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { normalizeFromPluginApi } from '../../../core/tokens/figma-plugin.js';
import { collectTokenRefs, specFromPluginNode } from '../../../core/specs/index.js';
import type { Extraction, Progress } from '../../messages.js';
import { aliasTargets } from './aliases.js';
import { collectInstances } from './instances.js';
import { followLibrary } from './library.js';
import { slicer } from './pause.js';

export type ProgressListener = (progress: Progress) => void;

const PROGRESS_EVERY = 25;

export async function extractFile(fileKey: string | null, report: ProgressListener): Promise<Extraction> {
  const started = Date.now();
  const tick = slicer();
  const warnings: string[] = [];

  report({ phase: 'variables', done: 0, total: 0, message: 'Reading variables' });
  const collections = await figma.variables.getLocalVariableCollectionsAsync();
  const variables = await figma.variables.getLocalVariablesAsync();
  report({
    phase: 'variables',
    done: variables.length,
    total: variables.length,
    message: `${variables.length} variables in ${collections.length} collections`,
  });

  report({ phase: 'styles', done: 0, total: 0, message: 'Reading styles' });
  const paintStyles = await figma.getLocalPaintStylesAsync();
  const textStyles = await figma.getLocalTextStylesAsync();
  const effectStyles = await figma.getLocalEffectStylesAsync();
  const gridStyles = await figma.getLocalGridStylesAsync();
  const styleCount = paintStyles.length + textStyles.length + effectStyles.length + gridStyles.length;
  report({ phase: 'styles', done: styleCount, total: styleCount, message: `${styleCount} styles` });

  report({ phase: 'pages', done: 0, total: figma.root.children.length, message: 'Loading pages' });
  await figma.loadAllPagesAsync();
  report({
    phase: 'pages',
    done: figma.root.children.length,
    total: figma.root.children.length,
    message: `${figma.root.children.length} pages`,
  });

  const components = await readComponents(warnings, tick, report);

  // What the file's values and components refer to but does not define: a team library's.
  const wanted = new Set<string>();
  for (const v of variables)
    for (const value of Object.values(v.valuesByMode)) for (const id of aliasTargets(value)) wanted.add(id);
  for (const s of paintStyles) for (const id of aliasTargets(s.paints)) wanted.add(id);
  for (const s of textStyles) for (const id of aliasTargets(s.boundVariables)) wanted.add(id);
  for (const s of effectStyles) for (const id of aliasTargets(s.effects)) wanted.add(id);
  // specFromPluginNode filled tokenRefs in (the trees walked once); walk again only when absent.
  for (const c of components) for (const id of c.tokenRefs ?? collectTokenRefs(c)) wanted.add(id);
  const known = new Set<string>([
    ...variables.map((v) => v.id),
    ...paintStyles.map((s) => s.id),
    ...textStyles.map((s) => s.id),
    ...effectStyles.map((s) => s.id),
    ...gridStyles.map((s) => s.id),
  ]);
  report({ phase: 'library', done: 0, total: 0, message: 'Following library variables' });
  const library = await followLibrary(wanted, known, new Set(collections.map((c) => c.id)));
  const libraryCount =
    library.variables.length + library.paintStyles.length + library.textStyles.length + library.effectStyles.length;
  report({
    phase: 'library',
    done: libraryCount,
    total: libraryCount,
    message: `${libraryCount} library variables and styles used`,
  });
  for (const id of library.missing)
    warnings.push(
      `${id} is used in this file but neither the file nor its libraries have it (deleted from a library, or not shared with this file)`,
    );

  // The local getters leave out variables deleted from the file; those still referenced answer by
  // id as local (not remote) ones: REST calls them `deletedButReferenced`, and so does the token.
  const deleted = new Set(library.variables.filter((v) => !v.remote).map((v) => v.id));
  const normalized = normalizeFromPluginApi(
    {
      variables: [...variables, ...library.variables],
      collections: [...collections, ...library.collections],
      paintStyles: [...paintStyles, ...library.paintStyles],
      textStyles: [...textStyles, ...library.textStyles],
      effectStyles: [...effectStyles, ...library.effectStyles],
      gridStyles,
    },
    { keepRemote: true, deleted },
  );

  const request: Extraction['request'] = { fileName: figma.root.name, tokens: normalized.tokens, components };
  if (fileKey) request.fileKey = fileKey;
  report({ phase: 'done', done: components.length, total: components.length, message: 'Read the file' });
  return {
    request,
    warnings: [...normalized.warnings, ...warnings],
    counts: {
      collections: collections.length + library.collections.length,
      variables: variables.length,
      libraryVariables: library.variables.length,
      styles: styleCount,
      components: components.length,
      pages: figma.root.children.length,
    },
    ms: Date.now() - started,
  };
}

/** Component sets and lone components on every page (a set's own components are its variants). */
async function readComponents(
  warnings: string[],
  tick: () => Promise<void>,
  report: ProgressListener,
): Promise<ComponentSpec[]> {
  const nodes = figma.root
    .findAllWithCriteria({ types: ['COMPONENT_SET', 'COMPONENT'] })
    .filter((node) => node.type === 'COMPONENT_SET' || node.parent?.type !== 'COMPONENT_SET');
  const specs: ComponentSpec[] = [];
  report({ phase: 'components', done: 0, total: nodes.length, message: `Reading ${nodes.length} components` });
  for (let i = 0; i < nodes.length; i++) {
    await tick();
    const node = nodes[i]!;
    try {
      const instances = await collectInstances(node);
      specs.push(specFromPluginNode(node, { warn: (message) => warnings.push(message), instances }));
    } catch (err) {
      // One unreadable component (a future node shape, a broken set) never stops the others.
      warnings.push(
        `${node.name} (${node.id}) could not be read: ${err instanceof Error ? err.message : String(err)}; skipped`,
      );
    }
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === nodes.length)
      report({
        phase: 'components',
        done: i + 1,
        total: nodes.length,
        message: `Read ${i + 1} of ${nodes.length} components`,
      });
  }
  return specs;
}
