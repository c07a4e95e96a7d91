import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem, setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type Proposal = { componentId: string; componentName: string; draftVersionId: string; files: Array<{ path: string }> };
type SyncBody = { syncId: string; status: string; proposals: Proposal[]; unchanged: number; warnings: string[] };

/** Copies of the fixture's Button under other names (and Figma ids) that fold to the same code name. */
function lookalikes(): ComponentSpec[] {
  const button = designSystem().components.find((c) => c.name === 'Button')!;
  return [
    { ...button, id: '11:1', key: 'k-11', name: 'button' },
    { ...button, id: '12:1', key: 'k-12', name: 'My Button' },
    { ...button, id: '13:1', key: 'k-13', name: 'my-button' },
  ];
}

const componentFiles = (p: Proposal) => p.files.map((f) => f.path).filter((path) => path !== 'tokens.css');

// Names that collide after normalisation get distinct code names, the same ones every sync.
describe.each(dbKinds)('colliding component names on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown) => t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
  const byName = (s: SyncBody) => Object.fromEntries(s.proposals.map((p) => [p.componentName, componentFiles(p)]));
  /** The files of each proposed draft (a proposal's stats list only what changed). */
  const draftFiles = async (s: SyncBody) =>
    Object.fromEntries(
      await Promise.all(
        s.proposals.map(async (p) => {
          const files = (await t.api('GET', `/api/v1/versions/${p.draftVersionId}`)).json().files as Array<{
            path: string;
          }>;
          return [p.componentName, files.map((f) => f.path).filter((path) => path !== 'tokens.css')];
        }),
      ),
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  let first: SyncBody;

  it('"Button"/"button" and "My Button"/"my-button" get distinct file and export names, with a warning', async () => {
    const res = await sync(syncRequest((ds) => ds.components.push(...lookalikes())));
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    const files = first.proposals.flatMap(componentFiles);
    expect(new Set(files).size).toBe(files.length);
    const named = byName(first);
    expect(named.Button).toContain('Button.tsx');
    expect(named.button).toContain('Button2.tsx');
    expect(named['My Button']).toContain('MyButton.tsx');
    expect(named['my-button']).toContain('MyButton2.tsx');
    const draft = (
      await t.api(
        'GET',
        `/api/v1/versions/${first.proposals.find((p) => p.componentName === 'button')!.draftVersionId}`,
      )
    ).json();
    const tsx = draft.files.find((f: { path: string }) => f.path === 'Button2.tsx').content as string;
    expect(tsx).toContain('export function Button2(');
    expect(first.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"button".*Button2/),
        expect.stringMatching(/"my-button".*MyButton2/),
      ]),
    );
    expect(first.warnings.filter((w) => /code name/.test(w))).toHaveLength(2);
  });

  it("keeps each component's code name across syncs, whatever order the components arrive in", async () => {
    await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    const shuffled = await sync(
      syncRequest((ds) => {
        ds.components.push(...lookalikes());
        ds.components.reverse();
      }),
    );
    expect(shuffled.json()).toMatchObject({ proposals: [], unchanged: 6 });
  });

  it('keeps a code name when the component it yielded to is gone from the design', async () => {
    const res = await sync(
      syncRequest((ds) => {
        setColor(ds.tokens, 'VariableID:1:1', '#0044dd');
        ds.components = [...ds.components.filter((c) => c.name !== 'Button'), ...lookalikes()];
      }),
    );
    const body = res.json() as SyncBody;
    expect(body.proposals.map((p) => p.componentName).sort()).toEqual(['My Button', 'button', 'my-button']);
    const named = await draftFiles(body);
    expect(named.button).toContain('Button2.tsx');
    expect(named['My Button']).toContain('MyButton.tsx');
    expect(named['my-button']).toContain('MyButton2.tsx');
  });

  it('a newcomer whose name collides takes the next free code name; the others keep theirs', async () => {
    const res = await sync(
      syncRequest((ds) => {
        ds.components.push(...lookalikes(), { ...ds.components[0]!, id: '14:1', key: 'k-14', name: 'BUTTON' });
      }),
    );
    const body = res.json() as SyncBody;
    const named = await draftFiles(body);
    // Its own code name is BUTTON, which a case-folding file system would confuse with Button.
    expect(named.BUTTON).toContain('BUTTON3.tsx');
    expect(body.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/"BUTTON".*BUTTON3/)]));
  });
});
