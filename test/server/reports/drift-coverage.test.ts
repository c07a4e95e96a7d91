import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';
import { keyMatcher, renderedPropSets, storiesOf } from '../../../server/services/reports/coverage-scan.js';

type Proposal = { componentId: string; componentName: string; draftVersionId: string };
type SyncBody = { syncId: string; proposals: Proposal[] };
type DriftItem = {
  componentId: string;
  name: string;
  status: string;
  bump: string | null;
  reasons: string[];
  tokenChanges: Array<{ kind: string; name: string }>;
  specChanges: unknown[];
  currentVersion: { version: string } | null;
  pendingDraft: { id: string; upToDate: boolean } | null;
};
type Drift = { items: DriftItem[]; totals: { changed: number; unpublished: number; removed: number; inSync: number } };
type VariantCov = { key: string; label: string; values: Record<string, string>; story: string | null; tested: boolean };
type ComponentCov = {
  componentId: string;
  name: string;
  version: string;
  variantSource: string | null;
  storiesFiles: string[];
  testFiles: string[];
  variants: VariantCov[];
  totals: { variants: number; withStory: number; tested: number };
};
type Coverage = {
  components: ComponentCov[];
  totals: {
    components: number;
    variants: number;
    withStory: number;
    tested: number;
    storyCoverage: number;
    testCoverage: number;
  };
  designOnly: Array<{ name: string }>;
  codeOnly: Array<{ name: string; reason: string; version: string }>;
};

describe.each(dbKinds)('drift, coverage and notifications on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown, key?: string) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const decide = async (s: SyncBody, decision: 'accept' | 'reject', names?: string[]) => {
    const res = await t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: {
        decisions: s.proposals
          .filter((p) => !names || names.includes(p.componentName))
          .map((p) => ({ componentId: p.componentId, decision })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  };
  const drift = async () => {
    const res = await t.api('GET', `/api/v1/projects/${t.projectId}/drift`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Drift;
  };
  const coverage = async () => {
    const res = await t.api('GET', `/api/v1/projects/${t.projectId}/coverage`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Coverage;
  };
  const blue = (hex: string) => syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', hex));

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  let first: SyncBody;

  it('before anything is published: every component is design-only and unpublished', async () => {
    first = await sync(syncRequest());
    const c = await coverage();
    expect(c.components).toEqual([]);
    expect(c.designOnly.map((d) => d.name)).toEqual(['Badge', 'Button', 'Card']);
    expect(c.codeOnly).toEqual([]);
    const d = await drift();
    expect(d.items.map((i) => [i.name, i.status, i.bump, i.pendingDraft?.upToDate])).toEqual([
      ['Badge', 'unpublished', 'major', true],
      ['Button', 'unpublished', 'major', true],
      ['Card', 'unpublished', 'major', true],
    ]);
  });

  it('right after accept: no drift, and every variant has a story and a rendering test', async () => {
    await decide(first, 'accept');
    const d = await drift();
    expect(d.items).toEqual([]);
    expect(d.totals).toEqual({ changed: 0, unpublished: 0, removed: 0, inSync: 3 });

    const c = await coverage();
    expect(c.designOnly).toEqual([]);
    expect(c.codeOnly).toEqual([]);
    expect(c.totals).toEqual({
      components: 3,
      variants: 6,
      withStory: 6,
      tested: 6,
      storyCoverage: 1,
      testCoverage: 1,
    });
    const button = c.components.find((x) => x.name === 'Button')!;
    expect(button).toMatchObject({
      version: '1.0.0',
      variantSource: 'version',
      storiesFiles: ['Button.stories.tsx'],
      testFiles: ['Button.test.tsx'],
    });
    expect(button.variants).toEqual([
      { key: 'size=sm', label: 'size=sm', values: { size: 'sm' }, story: 'SizeSm', tested: true },
      { key: 'size=md', label: 'size=md', values: { size: 'md' }, story: 'SizeMd', tested: true },
      { key: 'size=lg', label: 'size=lg', values: { size: 'lg' }, story: 'SizeLg', tested: true },
    ]);
    // A component without variant properties has one variant: the component itself.
    expect(c.components.find((x) => x.name === 'Card')!.variants).toEqual([
      { key: '', label: '', values: {}, story: 'Default', tested: true },
    ]);
  });

  it('a synced but unaccepted token change is drift for exactly the components that use it, until it is accepted', async () => {
    const s = await sync(blue('#1166ff'));
    expect(s.proposals.map((p) => p.componentName)).toEqual(['Button']);
    let d = await drift();
    expect(d.items).toHaveLength(1);
    const item = d.items[0]!;
    expect(item).toMatchObject({
      name: 'Button',
      status: 'changed',
      bump: 'minor',
      currentVersion: { version: '1.0.0' },
      pendingDraft: { id: s.proposals[0]!.draftVersionId, upToDate: true },
    });
    expect(item.reasons).toEqual(['token color/blue/500 changed #0055ff → #1166ff in mode Value']);
    expect(item.tokenChanges).toEqual([expect.objectContaining({ kind: 'modified', name: 'color/blue/500' })]);
    expect(item.specChanges).toEqual([]);
    expect(d.totals).toMatchObject({ changed: 1, inSync: 2 });

    await decide(s, 'reject');
    d = await drift();
    // Rejecting the draft does not make the design and the code agree.
    expect(d.items.map((i) => [i.name, i.status, i.bump, i.pendingDraft])).toEqual([
      ['Button', 'changed', 'minor', null],
    ]);

    // The same design does not propose a rejected change again (DESIGN.md "Versions"); regenerated by hand, it is.
    const design = blue('#1166ff');
    const regenerated = await t.api('POST', `/api/v1/components/${item.componentId}/regenerate`, {
      body: { tokens: design.tokens, spec: design.components.find((c) => c.name === 'Button') },
    });
    expect(regenerated.statusCode, regenerated.body).toBe(201);
    const again = await sync(design, 'second-try');
    expect(again.proposals.map((p) => p.componentName)).toEqual(['Button']);
    await decide(again, 'accept');
    expect((await drift()).items).toEqual([]);
  });

  it('a published component the design no longer has is code-only (coverage) and removed (drift)', async () => {
    const s = await sync(
      syncRequest((ds) => {
        setColor(ds.tokens, 'VariableID:1:1', '#1166ff');
        ds.components = ds.components.filter((c) => c.name !== 'Card');
      }),
    );
    expect(s.proposals).toEqual([]);
    const c = await coverage();
    expect(c.codeOnly).toEqual([
      expect.objectContaining({ name: 'Card', reason: 'removed_from_design', version: '1.0.0' }),
    ]);
    expect(c.components.map((x) => x.name)).toEqual(['Badge', 'Button', 'Card']);
    const d = await drift();
    expect(d.items.map((i) => [i.name, i.status])).toEqual([['Card', 'removed']]);
  });

  it('a hand-made version whose files lack a story or a test row for a variant shows the gap', async () => {
    const badge = (await t.api('GET', `/api/v1/projects/${t.projectId}/components?q=Badge`)).json().items[0];
    const current = (await t.api('GET', `/api/v1/versions/${badge.currentVersion.id}`)).json() as {
      files: Array<{ path: string; content: string }>;
    };
    const files = current.files.map((f) => {
      if (f.path === 'Badge.stories.tsx')
        return { ...f, content: f.content.replace(/\nexport const ToneNeutral: Story = \{[\s\S]*?\n\};\n/, '\n') };
      if (f.path === 'Badge.test.tsx') return { ...f, content: f.content.replace(/^.*tone: 'success'.*\n/m, '') };
      return f;
    });
    expect(files.find((f) => f.path === 'Badge.stories.tsx')!.content).not.toContain('ToneNeutral');
    // Hand-made: files only, no spec; the variants then come from the design.
    const draft = await t.api('POST', `/api/v1/components/${badge.id}/versions`, {
      body: { files: files.map(({ path, content }) => ({ path, content })), bump: 'patch', summary: ['hand edit'] },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await t.api('POST', `/api/v1/versions/${draft.json().id}/publish`, { body: {} })).statusCode).toBe(200);

    const c = await coverage();
    const cov = c.components.find((x) => x.name === 'Badge')!;
    expect(cov).toMatchObject({
      version: '1.0.1',
      variantSource: 'design',
      totals: { variants: 2, withStory: 1, tested: 1 },
    });
    expect(cov.variants.map((v) => [v.label, v.story, v.tested])).toEqual([
      ['tone=success', 'ToneSuccess', false],
      ['tone=neutral', null, true],
    ]);
    expect(c.totals).toMatchObject({ variants: 6, withStory: 5, tested: 5 });
  });

  it('lists notifications (unread filter) and marks them read, audited', async () => {
    const all = (await t.api('GET', `/api/v1/projects/${t.projectId}/notifications`)).json();
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.items.every((n: { kind: string }) => n.kind === 'draft.proposed')).toBe(true);
    expect(all.unread).toBe(all.items.length);
    const one = all.items[0].id as string;
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/notifications/read`, { body: { ids: [one] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().marked).toBe(1);
    const unread = (await t.api('GET', `/api/v1/projects/${t.projectId}/notifications?unread=true`)).json();
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(one);
    expect(unread.unread).toBe(all.items.length - 1);

    expect(
      (
        await t.api('POST', `/api/v1/projects/${t.projectId}/notifications/read`, {
          body: { ids: ['00000000-0000-4000-8000-000000000000'] },
        })
      ).statusCode,
    ).toBe(404);
    const rest = await t.api('POST', `/api/v1/projects/${t.projectId}/notifications/read`);
    expect(rest.json().marked).toBe(all.items.length - 1);
    expect((await t.api('GET', `/api/v1/projects/${t.projectId}/notifications?unread=true`)).json()).toMatchObject({
      items: [],
      unread: 0,
    });
    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=notifications.read`)).json();
    expect(audit.items.map((a: { data: { count: number } }) => a.data.count)).toEqual([all.items.length - 1, 1]);
  });

  it("another project's token gets 403 on this project's drift, coverage and notifications", async () => {
    const other = await otherProject(t);
    for (const [method, path] of [
      ['GET', 'drift'],
      ['GET', 'coverage'],
      ['GET', 'notifications'],
      ['POST', 'notifications/read'],
    ] as const) {
      const res = await t.api(method, `/api/v1/projects/${t.projectId}/${path}`, {
        token: other.token,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(res.statusCode, path).toBe(403);
    }
    // Its own project is empty, not a view of this one.
    expect(
      (await t.api('GET', `/api/v1/projects/${other.projectId}/drift`, { token: other.token })).json().items,
    ).toEqual([]);
    expect(
      (await t.api('GET', `/api/v1/projects/${other.projectId}/coverage`, { token: other.token })).json(),
    ).toMatchObject({ components: [], designOnly: [], codeOnly: [] });
    expect(
      (await t.api('GET', `/api/v1/projects/${other.projectId}/notifications`, { token: other.token })).json().items,
    ).toEqual([]);
    expect((await t.api('GET', `/api/v1/projects/${t.projectId}/drift`, { token: null })).statusCode).toBe(401);
  });
});

describe('reading hand-written stories and tests', () => {
  it('finds CSF stories with quoted keys and meta defaults, and JSX renders without spreads', () => {
    const stories = storiesOf(`
      export default { title: "Button", component: Button, args: { "Size": "md" } } satisfies Meta<typeof Button>;
      export const Large = { args: { "Size": "lg", label: 'Go' } };
      export const Plain: StoryObj = {};
      export const Braced = { name: 'with {braces} in a string', args: { Size: 'sm' } };
    `);
    expect(stories.meta).toEqual(new Map([['Size', 'md']]));
    expect(stories.stories.map((s) => [s.exportName, s.name, [...s.args]])).toEqual([
      [
        'Large',
        null,
        [
          ['Size', 'lg'],
          ['label', 'Go'],
        ],
      ],
      ['Plain', null, []],
      ['Braced', 'with {braces} in a string', [['Size', 'sm']]],
    ]);
    const tests = renderedPropSets(
      `
      it('renders', () => { render(<Button size="lg" label={'x'} />); render(<Button />); render(<Button {...rest} size="sm" />); });
    `,
      'Button',
    );
    expect(tests.renders).toBe(true);
    expect(tests.sets.map((s) => [...s])).toEqual([
      [
        ['size', 'lg'],
        ['label', 'x'],
      ],
      [],
    ]);
    const size = keyMatcher('size', 'Size');
    expect(['size', 'Size', 'SIZE', 'sizeProp'].every(size)).toBe(true);
    expect(size('sizes')).toBe(false);
  });
});
