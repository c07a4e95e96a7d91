import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { files, otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string; toVersion: string }>;
};
type Draft = {
  proposal: {
    componentId: string;
    componentName: string;
    draftVersionId: string;
    fromVersion: string | null;
    toVersion: string;
    bump: string;
    reasons: string[];
  };
  syncId: string | null;
  hasConflicts: boolean;
  customized: boolean;
};

// What the web app's review screen reads: the drafts waiting across a project, and the patterns a component can take.
describe.each(dbKinds)('review API on %s', (kind) => {
  let t: TestApp;
  const drafts = async (token?: string) =>
    t.api('GET', `/api/v1/projects/${t.projectId}/drafts`, token ? { token } : {});

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("lists each component's newest pending draft as its proposal, and forgets drafts once decided", async () => {
    expect((await drafts()).json()).toEqual({ drafts: [] });
    const first = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() })
    ).json() as SyncBody;
    const listed = (await drafts()).json().drafts as Draft[];
    expect(listed.map((d) => d.proposal.componentName).sort()).toEqual(['Badge', 'Button', 'Card']);
    expect(
      listed.every(
        (d) => d.syncId === first.syncId && d.proposal.fromVersion === null && d.proposal.toVersion === '1.0.0',
      ),
    ).toBe(true);

    await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect((await drafts()).json()).toEqual({ drafts: [] });

    // A change to Button's blue, twice: only the newest draft is waiting.
    await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body: syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#1144ee')),
    });
    const second = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
        body: syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#2255ff')),
      })
    ).json() as SyncBody;
    const waiting = (await drafts()).json().drafts as Draft[];
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({
      syncId: second.syncId,
      hasConflicts: false,
      proposal: { componentName: 'Button', fromVersion: '1.0.0', toVersion: '1.1.0', bump: 'minor' },
    });
    expect(waiting[0]!.proposal.draftVersionId).toBe(second.proposals[0]!.draftVersionId);
    expect(waiting[0]!.proposal.reasons.join(' ')).toContain('#2255ff');

    const reject = await t.api('POST', `/api/v1/versions/${waiting[0]!.proposal.draftVersionId}/reject`, { body: {} });
    expect(reject.statusCode).toBe(200);
    expect((await drafts()).json()).toEqual({ drafts: [] });
  });

  it('names the published base of a draft made from files (POST /components/:id/versions), and none for a first draft', async () => {
    const card = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Hand Made' } })
    ).json().id as string;
    const first = (
      await t.api('POST', `/api/v1/components/${card}/versions`, { body: { files: files(1, 'a'), bump: 'minor' } })
    ).json();
    const mine = async () => ((await drafts()).json().drafts as Draft[]).filter((d) => d.proposal.componentId === card);
    expect((await mine()).map((d) => [d.proposal.fromVersion, d.proposal.toVersion])).toEqual([[null, first.version]]);
    const published = (await t.api('POST', `/api/v1/versions/${first.id}/publish`, { body: {} })).json();
    const second = (
      await t.api('POST', `/api/v1/components/${card}/versions`, { body: { files: files(1, 'b'), bump: 'minor' } })
    ).json();
    expect(second.status).toBe('draft');
    expect(
      (await mine()).map((d) => [d.proposal.fromVersion, d.proposal.toVersion, d.proposal.draftVersionId]),
    ).toEqual([[published.version, second.version, second.id]]);
    expect(published.version).not.toBe(second.version);
    await t.api('POST', `/api/v1/versions/${second.id}/reject`, { body: {} });
  });

  it("shows another project's drafts to nobody else", async () => {
    const other = await otherProject(t);
    await t.api('POST', `/api/v1/projects/${other.projectId}/syncs`, { token: other.token, body: syncRequest() });
    expect((await drafts()).json()).toEqual({ drafts: [] });
    expect((await t.api('GET', `/api/v1/projects/${other.projectId}/drafts`)).statusCode).toBe(403);
    expect(
      (await t.api('GET', `/api/v1/projects/${other.projectId}/drafts`, { token: other.token })).json()
        .drafts as Draft[],
    ).toHaveLength(3);
  });

  it('lists the code generation patterns, with the ids PATCH /components/:id accepts', async () => {
    const res = await t.api('GET', '/api/v1/patterns');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as Array<{ id: string; version: string; description: string }>).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['generic', 'button', 'input', 'checkbox', 'badge', 'card']));
    expect((await t.api('GET', '/api/v1/patterns', { token: null })).statusCode).toBe(401);
  });
});
