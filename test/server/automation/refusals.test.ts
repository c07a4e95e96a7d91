import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import {
  baseDesign,
  editFile,
  notificationsOf,
  putFile,
  settled,
  startAutomation,
  track,
  versionsOf,
  waitUntil,
  type Automation,
  type Design,
} from './support.js';

type FileOut = {
  id: string;
  fileKey: string;
  status: string;
  statusReason: string | null;
  lastFileVersion: string | null;
  failures: number;
};

/** The design system with an alias cycle: the pipeline refuses it (422 invalid_tokens), whatever the component. */
function cyclicDesign(): Design {
  const d = baseDesign();
  const blue = d.tokens.tokens.find((t) => t.id === 'VariableID:1:1')!;
  blue.valuesByMode = { '1:0': { alias: 'VariableID:2:1' } };
  return d;
}

// A design the pipeline refuses is not a network error: retrying cannot change it, only the
// next version of the file can. Each file has its own key, so the scenarios do not meet.
describe.each(dbKinds)('a design the pipeline refuses, on %s', (kind) => {
  let a: Automation;
  const fileOf = async (key: string) =>
    ((await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as FileOut[]).find(
      (f) => f.fileKey === key,
    )!;
  const contentReads = (key: string) => a.figma.count('variables', key);
  /** Tracked, polled every second (the API's minimum is 10 s): a period of a few seconds sees many checks. */
  const trackEverySecond = async (key: string): Promise<string> => {
    const files = `/api/v1/projects/${a.t.projectId}/files`;
    // Without a token nothing is polled yet; the token, sent once the interval is set, starts the polls.
    const created = await a.t.api('POST', files, { body: { fileKey: key, pollIntervalSeconds: 600 } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    await a.t.db.prisma.trackedFile.update({ where: { id }, data: { pollIntervalSeconds: 1 } });
    expect(
      (await a.t.api('POST', files, { body: { fileKey: key, figmaToken: a.figma.credentials.pat.token } })).statusCode,
    ).toBe(200);
    return id;
  };

  beforeAll(async () => {
    a = await startAutomation(kind, { FIGMA_BACKOFF_SECONDS: '0.2' });
  });
  afterAll(async () => a?.close());

  it("sets the file's status with the reason, notifies once, and reads no content again until the file's version changes", async () => {
    const KEY = 'RefusedDesign01';
    putFile(a.figma, KEY, cyclicDesign());
    const id = await trackEverySecond(KEY);
    await waitUntil('several checks of the file', async () => a.figma.count('meta', KEY) >= 5, 30_000);

    const file = await fileOf(KEY);
    expect(file.status).toBe('design_refused');
    expect(file.statusReason).toMatch(/cycle/i);
    expect(file.statusReason).toContain('color/blue/500');
    // One read of the content for the version refused; every later check asked only for the version.
    expect(contentReads(KEY)).toBe(1);
    expect(a.figma.count('nodes', KEY)).toBe(1);
    const notes = (await notificationsOf(a)).filter((n) => (n.data as { fileId?: string } | null)?.fileId === id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      kind: 'check.failed',
      data: { fileId: id, status: 'design_refused', version: a.figma.file(KEY)!.version },
    });
    expect(notes[0]!.body).toMatch(/cycle/i);
    expect(await versionsOf(a, 'Button')).toEqual([]);

    // The designer fixes the file: its next version is read, and the file is active again.
    const fixed = baseDesign();
    setColor(fixed.tokens, 'VariableID:1:1', '#0066ee');
    editFile(a.figma, KEY, fixed);
    await waitUntil('the new version to be read', async () => (await fileOf(KEY)).status === 'active', 30_000);
    expect(contentReads(KEY)).toBe(2);
    expect(await fileOf(KEY)).toMatchObject({
      status: 'active',
      statusReason: null,
      lastFileVersion: a.figma.file(KEY)!.version,
    });
    await a.t.db.prisma.trackedFile.update({ where: { id }, data: { pollIntervalSeconds: 600 } });
    await settled(a);
    expect((await versionsOf(a, 'Button')).map((v) => [v.version, v.status])).toEqual([['1.0.0', 'draft']]);
    // Still the one notification about the refusal.
    expect(
      (await notificationsOf(a, 'check.failed')).filter((n) => (n.data as { fileId?: string }).fileId === id),
    ).toHaveLength(1);
  });

  it('a new version that is refused too is told about once more, and a check by hand reads it again', async () => {
    const KEY = 'RefusedDesign02';
    putFile(a.figma, KEY, cyclicDesign());
    const { id } = await track(a, KEY, { pollIntervalSeconds: 600 });
    await waitUntil('the refusal', async () => (await fileOf(KEY)).status === 'design_refused', 30_000);
    const again = cyclicDesign();
    again.components = again.components.slice(0, 1);
    editFile(a.figma, KEY, again);
    expect((await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${id}/check`)).statusCode).toBe(202);
    await waitUntil('the second version to be read', async () => contentReads(KEY) === 2, 30_000);
    await settled(a);
    expect(await fileOf(KEY)).toMatchObject({ status: 'design_refused', lastFileVersion: a.figma.file(KEY)!.version });
    const notes = (await notificationsOf(a, 'check.failed')).filter(
      (n) => (n.data as { fileId?: string }).fileId === id,
    );
    expect(notes.map((n) => (n.data as { version: string }).version)).toEqual(['100', a.figma.file(KEY)!.version]);
  });
});
