import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBlobs } from '../../server/lib/blobs.js';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { designSystem, syncRequest } from '../helpers/sync-fixtures.js';
import { builtinPatterns } from '../../core/codegen/index.js';

type Proposal = {
  componentId: string;
  componentName: string;
  draftVersionId: string;
  bump: string;
  reasons: string[];
  files: Array<{ path: string; status: string }>;
};

/** The pattern release before tokens.css gave default modes a [data-theme] block. */
const PREVIOUS_RELEASE = '1.0.0';

/**
 * tokens.css as that release wrote it: no [data-theme] block for the default modes of this design
 * system's collections ("Value" of Primitives, "Light" of Semantic; no other mode has their names).
 */
function previousTokensCss(content: string): string {
  const defaults = designSystem().tokens.collections.map((c) =>
    c.modes.find((m) => m.id === c.defaultModeId)!.name.toLowerCase(),
  );
  expect(defaults).toEqual(['value', 'light']);
  return defaults.reduce(
    (out, slug) => out.replace(new RegExp(`\\n\\[data-theme="${slug}"\\] \\{\\n[\\s\\S]*?\\n\\}\\n`), '\n'),
    content,
  );
}

// The default mode got its own [data-theme] block in tokens.css (so a light card can sit in a dark
// page): a design synced before that re-syncs, unchanged, with the bump of the generator's release
// since (a patch then; since the layer-tree codegen, 1.1.0, a minor) and tokens.css modified.
describe.each(dbKinds)('tokens.css with a block for the default mode, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("a design accepted under the previous generator re-syncs unchanged with the release's bump for every component, tokens.css modified", async () => {
    const first = (await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() })).json() as {
      syncId: string;
      proposals: Proposal[];
    };
    expect(first.proposals.map((p) => p.componentName).sort()).toEqual(['Badge', 'Button', 'Card']);
    // Make the drafts what the previous release wrote (drafts may change; published versions may not).
    for (const p of first.proposals) {
      const detail = (await t.api('GET', `/api/v1/versions/${p.draftVersionId}`)).json() as {
        files: Array<{ path: string; content: string }>;
      };
      const css = detail.files.find((f) => f.path === 'tokens.css')!.content;
      const [ref] = await storeBlobs(t.db.prisma, [{ path: 'tokens.css', content: previousTokensCss(css) }]);
      await t.db.prisma.versionFile.update({
        where: { versionId_path: { versionId: p.draftVersionId, path: 'tokens.css' } },
        data: { blobSha256: ref!.sha256 },
      });
      await t.db.prisma.componentVersion.update({
        where: { id: p.draftVersionId },
        data: { patternVersion: PREVIOUS_RELEASE },
      });
    }
    const accepted = await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const again = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() });
    expect(again.statusCode, again.body).toBeLessThan(300);
    const proposals = (again.json() as { proposals: Proposal[] }).proposals;

    expect(proposals.map((p) => p.componentName).sort()).toEqual(['Badge', 'Button', 'Card']);
    const current = new Set(builtinPatterns.map((p) => p.version));
    expect(current.size).toBe(1);
    const [release] = [...current];
    // The generator's own release is the reason: a patch release a patch, a minor release a minor.
    const [, minorBefore] = PREVIOUS_RELEASE.split('.');
    const bump = release!.split('.')[1] === minorBefore ? 'patch' : 'minor';
    const previous = PREVIOUS_RELEASE.replace(/\./g, '\\.');
    const reason =
      bump === 'patch'
        ? new RegExp(`^generated output changed \\(pattern \\w+ ${previous} → ${release!.replace(/\./g, '\\.')}\\)$`)
        : new RegExp(`^pattern \\w+ ${previous} → ${release!.replace(/\./g, '\\.')}`);
    for (const p of proposals) {
      expect(p.bump, p.componentName).toBe(bump);
      expect(p.reasons, p.componentName).toEqual([expect.stringMatching(reason)]);
      expect(p.files.find((f) => f.path === 'tokens.css')?.status, p.componentName).toBe('modified');
    }
    const button = proposals.find((p) => p.componentName === 'Button')!;
    const css = (
      (await t.api('GET', `/api/v1/versions/${button.draftVersionId}`)).json() as {
        files: Array<{ path: string; content: string }>;
      }
    ).files.find((f) => f.path === 'tokens.css')!.content;
    expect(css).toContain('[data-theme="light"] {');
  });
});
