import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { textOf } from '../../helpers/diff-thread.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';

type SyncBody = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string; warnings: string[] }>;
};
type VersionBody = {
  id: string;
  hasConflicts: boolean;
  customized: boolean;
  files: Array<{ path: string; content: string }>;
};

// A customization is merged three-way into each regeneration, on the diff thread and within
// core/diff's limits. Past them the file is one whole-file conflict that says why: never the
// developer's side or the regenerated side taken silently.
describe.each(dbKinds)('customization merges past the limits on %s', (kind) => {
  let t: TestApp;
  const sync = async (mutate?: (ds: { tokens: TokenSet; components: ComponentSpec[] }) => void) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest(mutate) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const version = async (id: string) => (await t.api('GET', `/api/v1/versions/${id}`)).json() as VersionBody;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await sync();
    const res = await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('a customized file that differs from the generated one by more lines than the limit conflicts as a whole, saying it is too large to merge line by line', async () => {
    const components = (await t.api('GET', `/api/v1/projects/${t.projectId}/components`)).json().items as Array<{
      id: string;
      name: string;
      currentVersion: { id: string };
    }>;
    const button = components.find((c) => c.name === 'Button')!;
    const generated = (await version(button.currentVersion.id)).files.find((f) => f.path === 'tokens.css')!.content;
    const customized = textOf(3000, (i) => `/* reviewed note ${i} */`) + generated;
    const put = await t.api('PUT', `/api/v1/components/${button.id}/customizations`, {
      body: { files: [{ path: 'tokens.css', content: customized }] },
    });
    expect(put.statusCode, put.body).toBe(200);

    const s = await sync((ds) => setColor(ds.tokens, 'VariableID:1:1', '#1166ff'));
    const proposal = s.proposals.find((p) => p.componentName === 'Button')!;
    const conflicts = proposal.warnings.filter((w) => w.startsWith('conflict'));
    expect(conflicts).toEqual([
      expect.stringMatching(
        /^conflict in tokens\.css lines 1–\d+: too large to merge line by line: more than 2,000 changed lines/,
      ),
    ]);
    const draft = await version(proposal.draftVersionId);
    expect(draft).toMatchObject({ hasConflicts: true, customized: true });
    const css = draft.files.find((f) => f.path === 'tokens.css')!.content;
    const regenerated = generated.replace(/--color-blue-500: #[0-9a-f]+;/g, '--color-blue-500: #1166ff;');
    expect(regenerated).not.toBe(generated);
    // Both sides whole, in one conflict.
    expect(css).toBe(`<<<<<<< customized\n${customized}=======\n${regenerated}>>>>>>> regenerated\n`);
  });
});
