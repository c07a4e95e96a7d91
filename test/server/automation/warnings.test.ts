import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { restFileFromDesign, snapshotEntriesFromDesign } from '../../fakes/figma-rest/index.js';
import { dbKinds } from '../../helpers/databases.js';
import { dtcgExampleTokens } from '../../helpers/dtcg-examples.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { baseDesign, settled, startAutomation, track, waitUntil, type Automation, type Design } from './support.js';

type Draft = { proposal: { componentName: string; warnings: string[]; draftVersionId: string } };

const examples = dirname(createRequire(import.meta.url).resolve('dtcg-examples/package.json'));
const SAMPLE: ComponentSpec = {
  id: '1:1',
  name: 'Sample',
  props: [],
  variants: [{ id: '1:2', values: {}, bindings: { fill: 'color.black', paddingLeft: 'space.none' } }],
};

// What a check warns about reaches people: the tracked file (or token source) keeps the last
// check's warnings, and each draft the check makes carries those that concern its design.
describe.each(dbKinds)('warnings of background checks on %s', (kind) => {
  let a: Automation;
  let root: string;
  const drafts = async () =>
    (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/drafts`)).json().drafts as Draft[];
  const warningsOf = async (name: string) =>
    (await drafts()).find((d) => d.proposal.componentName === name)?.proposal.warnings;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-warnings-root-'));
    cpSync(join(examples, 'shopify-polaris.resolver.json'), join(root, 'ds', 'polaris.resolver.json'));
    cpSync(join(examples, 'shopify-polaris'), join(root, 'ds', 'shopify-polaris'), { recursive: true });
    a = await startAutomation(kind, { TOKEN_SOURCES_ROOT: root, TOKEN_SOURCE_DEBOUNCE_MS: '200' });
  });
  afterAll(async () => {
    await a?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** The design as Figma serves it, with variables Figma reports deleted but still referenced. */
  const serve = (key: string, design: Design, deleted: string[], version?: string) => {
    const rest = restFileFromDesign(design);
    for (const id of deleted) Object.assign(rest.variables.meta.variables[id]!, { deletedButReferenced: true });
    const content = {
      variables: rest.variables,
      nodes: rest.nodes,
      components: rest.components,
      componentSets: rest.componentSets,
      styles: rest.styles,
      sharedPluginData: { design_sync: snapshotEntriesFromDesign(design, new Date().toISOString()) },
    };
    if (!a.figma.file(key)) a.figma.setFile(key, { name: 'Design System', version: version ?? '100', ...content });
    else a.figma.updateFile(key, content);
  };

  it('a poll keeps its warnings on the file, and each draft carries those about its own design', async () => {
    const KEY = 'WarningsFile001';
    const design = baseDesign();
    // A second "Button" whose code name collides with the first one's.
    const twin = structuredClone(design.components[0]!);
    design.components.push({
      ...twin,
      id: '40:1',
      key: 'twin-key',
      name: 'button',
      variants: twin.variants.map((v, i) => ({ ...v, id: `40:${i + 2}` })),
    });
    // blue/500 is reached by Button (through color/action/primary); green/500 by Badge only.
    serve(KEY, design, ['VariableID:1:1', 'VariableID:1:3']);
    const { id } = await track(a, KEY, { pollIntervalSeconds: 3600 });
    await waitUntil(
      'the first check',
      async () => (await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } })).lastFileVersion !== null,
    );
    await settled(a);

    const file = (
      (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as Array<{
        id: string;
        lastWarnings: string[];
      }>
    ).find((f) => f.id === id)!;
    const blue = expect.stringMatching(
      /Variable "color\/blue\/500" \(VariableID:1:1\) was deleted in Figma but is still referenced/,
    );
    const green = expect.stringMatching(
      /Variable "color\/green\/500" \(VariableID:1:3\) was deleted in Figma but is still referenced/,
    );
    const collision = expect.stringMatching(/Component "button" \(40:1\) is generated as Button2/);
    expect(file.lastWarnings).toEqual(expect.arrayContaining([blue, green, collision]));

    // (The collision names Button too, as the holder of the name the twin could not have.)
    expect(await warningsOf('Button')).toContainEqual(blue);
    expect(await warningsOf('Button')).not.toContainEqual(green);
    expect(await warningsOf('Badge')).toEqual([green]);
    expect(await warningsOf('Card')).toEqual([]);
    expect(await warningsOf('button')).toEqual(expect.arrayContaining([blue, collision]));
    expect(await warningsOf('button')).not.toContainEqual(green);
    // The version itself holds them: the review and the history read it there.
    const button = (await drafts()).find((d) => d.proposal.componentName === 'Button')!;
    expect((await a.t.api('GET', `/api/v1/versions/${button.proposal.draftVersionId}`)).json().warnings).toEqual(
      button.proposal.warnings,
    );

    // The next version of the file no longer warns: the file shows the last check's warnings only.
    design.components.pop();
    setColor(design.tokens, 'VariableID:1:4', '#eeeeee');
    serve(KEY, design, []);
    expect((await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${id}/check`)).statusCode).toBe(202);
    await waitUntil(
      'the second check',
      async () =>
        (await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } })).lastFileVersion ===
        a.figma.file(KEY)!.version,
    );
    await settled(a);
    const after = (
      (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as Array<{
        id: string;
        lastWarnings: string[];
      }>
    ).find((f) => f.id === id)!;
    expect(after.lastWarnings.filter((w) => /deleted|Button2/.test(w))).toEqual([]);
  });

  it('a token-file check keeps its warnings on the source, and the draft carries those about its tokens', async () => {
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/syncs`, {
      body: { fileKey: 'polaris', tokens: dtcgExampleTokens('shopify-polaris'), components: [SAMPLE] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const draft = (res.json() as { proposals: { draftVersionId: string }[] }).proposals[0]!.draftVersionId;
    expect((await a.t.api('POST', `/api/v1/versions/${draft}/publish`, { body: {} })).statusCode).toBe(200);
    const created = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/token-sources`, {
      body: { path: 'ds', resolver: 'polaris.resolver.json' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const sources = async () =>
      (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/token-sources`)).json().items as Array<{
        lastHash: string | null;
        lastWarnings: string[];
      }>;
    await waitUntil('the first read of the token files', async () => (await sources())[0]?.lastHash !== null);
    await settled(a);

    // A 3-digit hex is read leniently, with a warning naming the token.
    const colors = join(root, 'ds', 'shopify-polaris', 'colors.tokens.json');
    const doc = JSON.parse(readFileSync(colors, 'utf8')) as { color: { black: { $value: unknown } } };
    doc.color.black.$value = { colorSpace: 'srgb', components: [0.067, 0.067, 0.067], hex: '#111' };
    writeFileSync(colors, JSON.stringify(doc, null, 2));
    await waitUntil('the Sample draft', async () => (await warningsOf('Sample')) !== undefined, 20_000);
    await settled(a);
    const short = expect.stringMatching(/color.black: .*short hex fallback "#111" read as "#111111"/);
    expect((await sources())[0]!.lastWarnings).toContainEqual(short);
    expect(await warningsOf('Sample')).toContainEqual(short);
  });
});
