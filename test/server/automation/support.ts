// A server with its job queue on, a fake Figma REST API, and a design system in a Figma file.
import { expect } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import {
  restFileFromDesign,
  snapshotEntriesFromDesign,
  startFakeFigmaRest,
  type FakeCredentials,
  type FakeFigmaRest,
} from '../../fakes/figma-rest/index.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { freePort } from '../../helpers/free-port.js';
import type { DbKind } from '../../helpers/databases.js';
import { designSystem } from '../../helpers/sync-fixtures.js';

export type Design = { tokens: TokenSet; components: ComponentSpec[] };

export interface Automation {
  t: TestApp;
  figma: FakeFigmaRest;
  close(): Promise<void>;
}

/**
 * `listen`: the server also listens on 127.0.0.1 (Figma's webhooks need a real endpoint);
 * otherwise requests are injected.
 */
export async function startAutomation(
  kind: DbKind,
  env: Record<string, string> = {},
  options: { listen?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<Automation> {
  const figma = await startFakeFigmaRest();
  const port = options.listen ? await freePort() : 0;
  const settings: Record<string, string> = {
    ...(options.listen ? { HOST: '127.0.0.1', PORT: String(port) } : {}),
    JOBS: 'true',
    JOB_POLL_SECONDS: '0.5',
    FIGMA_API_BASE: figma.url,
    FIGMA_TIMEOUT_SECONDS: '2',
    FIGMA_BACKOFF_SECONDS: '0.5',
    // Figma's own per-tier rates would make every suite wait; `FIGMA_CALLS_PER_MINUTE: ''` restores them.
    FIGMA_CALLS_PER_MINUTE: '1000',
    WEBHOOK_DEBOUNCE_SECONDS: '0.5',
    ...env,
  };
  // An empty value leaves the variable unset.
  const t = await startTestApp(
    kind,
    Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== '')),
    options.logStream,
  );
  if (options.listen) await t.app.listen({ host: '127.0.0.1', port });
  return {
    t,
    figma,
    close: async () => {
      await t.close();
      await figma.close();
    },
  };
}

/** The file as Figma's REST API serves it (variables endpoint, or only the plugin's snapshot). */
export function putFile(
  figma: FakeFigmaRest,
  key: string,
  design: Design,
  options: { version?: string; variables?: 'forbidden'; access?: FakeCredentials[] } = {},
): void {
  const rest = restFileFromDesign(design);
  figma.setFile(key, {
    ...(options.access ? { access: options.access } : {}),
    name: 'Design System',
    version: options.version ?? '100',
    variables: options.variables === 'forbidden' ? 'forbidden' : rest.variables,
    nodes: rest.nodes,
    components: rest.components,
    componentSets: rest.componentSets,
    libraryComponents: rest.libraryComponents,
    styles: rest.styles,
    sharedPluginData: { design_sync: snapshotEntriesFromDesign(design, new Date().toISOString()) },
  });
}

/** A design edit: new content and a new version, as Figma gives after any edit. */
export function editFile(
  figma: FakeFigmaRest,
  key: string,
  design: Design,
  options: { variables?: 'forbidden' } = {},
): void {
  const rest = restFileFromDesign(design);
  figma.updateFile(key, {
    variables: options.variables === 'forbidden' ? 'forbidden' : rest.variables,
    nodes: rest.nodes,
    components: rest.components,
    componentSets: rest.componentSets,
    libraryComponents: rest.libraryComponents,
    styles: rest.styles,
    sharedPluginData: { design_sync: snapshotEntriesFromDesign(design, new Date().toISOString()) },
  });
}

export function baseDesign(): Design {
  return designSystem();
}

/** Tracks a file: 201 when the project did not track it yet, 200 when this updates it. */
export async function track(a: Automation, key: string, body: Record<string, unknown> = {}): Promise<{ id: string }> {
  const listed = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as Array<{
    fileKey: string;
  }>;
  const tracked = listed.some((f) => f.fileKey === key);
  const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files`, {
    body: { fileKey: key, figmaToken: a.figma.credentials.pat.token, pollIntervalSeconds: 3600, ...body },
  });
  expect(res.statusCode, res.body).toBe(tracked ? 200 : 201);
  return res.json() as { id: string };
}

export async function check(a: Automation, fileId: string): Promise<void> {
  const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${fileId}/check`);
  expect(res.statusCode, res.body).toBe(202);
}

export async function versionsOf(
  a: Automation,
  name: string,
): Promise<Array<{ version: string; status: string; trigger: string }>> {
  const c = await a.t.db.prisma.component.findFirst({
    where: { projectId: a.t.projectId, name },
    select: { id: true },
  });
  if (!c) return [];
  const rows = await a.t.db.prisma.componentVersion.findMany({
    where: { componentId: c.id },
    orderBy: { createdAt: 'asc' },
    select: { version: true, status: true, trigger: true },
  });
  return rows;
}

export async function notificationsOf(
  a: Automation,
  kind?: string,
): Promise<Array<{ kind: string; title: string; body: string; data: unknown }>> {
  return a.t.db.prisma.notification.findMany({
    where: { projectId: a.t.projectId, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: 'asc' },
    select: { kind: true, title: true, body: true, data: true },
  });
}

/** Polls `probe` until it answers true; usable outside a test (in hooks), unlike expect.poll. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Waits until no job of the project (the app's first one unless `project` names another, with
 * its token) is waiting to run soon, running or retrying (the queue has settled).
 */
export async function settled(
  a: Automation,
  timeoutMs = 30_000,
  project: { projectId: string; token: string } = { projectId: a.t.projectId, token: a.t.adminToken },
): Promise<void> {
  let busy: unknown[] = [];
  await waitUntil(
    'the job queue to settle',
    async () => {
      const res = await a.t.api('GET', `/api/v1/projects/${project.projectId}/jobs?limit=500`, {
        token: project.token,
      });
      const items = res.json().items as Array<{ state: string; name: string; nextRunAt: string | null }>;
      busy = items.filter(
        (j) =>
          (j.state === 'created' && (!j.nextRunAt || Date.parse(j.nextRunAt) < Date.now() + 5000)) ||
          j.state === 'active' ||
          j.state === 'retry',
      );
      return busy.length === 0;
    },
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; still busy: ${JSON.stringify(busy)}`);
  });
}
