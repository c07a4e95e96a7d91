import { expect } from 'vitest';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import type { TestApp } from './app.js';
import { syncRequest } from './sync-fixtures.js';

export interface VersionJson {
  id: string;
  version: string;
  status: string;
  tags: string[];
  trigger: string;
  branch: string;
  summary: string[];
  warnings: string[];
  hasConflicts: boolean;
  tokensHash: string;
  specHash: string;
  patternId: string;
  patternVersion: string;
  files?: { path: string; content: string }[];
}

type Mutate = (ds: { tokens: TokenSet; components: ComponentSpec[] }) => void;

/** Runs a sync of the fixture design system (mutated) and returns componentId → draft id of its proposals. */
export async function sync(t: TestApp, mutate?: Mutate): Promise<{ syncId: string; drafts: Map<string, string> }> {
  const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest(mutate) });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as {
    syncId: string;
    proposals: { componentId: string; draftVersionId: string }[];
    errors: unknown[];
  };
  expect(body.errors).toEqual([]);
  return { syncId: body.syncId, drafts: new Map(body.proposals.map((p) => [p.componentId, p.draftVersionId])) };
}

/** A sync whose proposals are all accepted (published). */
export async function syncAndAccept(t: TestApp, mutate?: Mutate): Promise<string> {
  const { syncId, drafts } = await sync(t, mutate);
  const res = await t.api('POST', `/api/v1/syncs/${syncId}/decisions`, {
    body: { decisions: [...drafts.keys()].map((componentId) => ({ componentId, decision: 'accept' })) },
  });
  expect(res.statusCode, res.body).toBe(200);
  for (const r of res.json().results as { ok: boolean; error?: unknown }[])
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return syncId;
}

export async function componentIdByName(t: TestApp, name: string): Promise<string> {
  const list = (await t.api('GET', `/api/v1/projects/${t.projectId}/components`)).json() as {
    items: { id: string; name: string }[];
  };
  const c = list.items.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c.id;
}

export async function current(t: TestApp, componentId: string): Promise<VersionJson> {
  const c = (await t.api('GET', `/api/v1/components/${componentId}`)).json() as {
    currentVersion: { id: string } | null;
  };
  if (!c.currentVersion) throw new Error('no current version');
  return version(t, c.currentVersion.id);
}

export async function version(t: TestApp, id: string): Promise<VersionJson> {
  const res = await t.api('GET', `/api/v1/versions/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as VersionJson;
}

/** Row counts of everything a versioning mutation could write, to prove a refusal stored nothing. */
export async function rowCounts(t: TestApp) {
  const p = t.db.prisma;
  const [versions, files, blobs, branches, audit, notifications] = await Promise.all([
    p.componentVersion.count(),
    p.versionFile.count(),
    p.fileBlob.count(),
    p.branch.count(),
    p.auditEvent.count(),
    p.notification.count(),
  ]);
  const currents = (
    await p.component.findMany({ select: { id: true, currentVersionId: true }, orderBy: { id: 'asc' } })
  ).map((c) => `${c.id}:${c.currentVersionId}`);
  return { versions, files, blobs, branches, audit, notifications, currents };
}
