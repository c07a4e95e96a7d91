// A project with history, arranged through the API: what the review and history screens show.
import type { SyncRequest } from '../../../core/contract/sync.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';
import type { LiveServer } from './server.js';

type SyncAnswer = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; toVersion: string; draftVersionId: string }>;
};

/** Badge gains a "warning" tone (a variant of its own). */
export function withWarningTone(ds: { components: SyncRequest['components'] }): void {
  const badge = ds.components.find((c) => c.name === 'Badge')!;
  badge.props[0]!.options = ['success', 'neutral', 'warning'];
  badge.variants.push({
    id: '20:4',
    values: { tone: 'warning' },
    bindings: { fill: 'VariableID:2:3', paddingLeft: 'VariableID:1:5' },
  });
}

export async function sync(server: LiveServer, body: SyncRequest): Promise<SyncAnswer> {
  const res = await server.api<SyncAnswer>('POST', `/projects/${server.projectId}/syncs`, body);
  if (res.status !== 201) throw new Error(`sync failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function acceptAll(server: LiveServer, answer: SyncAnswer): Promise<void> {
  const res = await server.api('POST', `/syncs/${answer.syncId}/decisions`, {
    decisions: answer.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })),
  });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status}`);
}

/**
 * Button, Badge and Card at 1.0.0; Badge at 1.1.0 (a "warning" tone added); then two drafts
 * waiting: Button 1.1.0 (its blue changed: minor) and Badge 2.0.0 (the tone removed again: major).
 */
export async function projectWithHistory(server: LiveServer): Promise<void> {
  await acceptAll(server, await sync(server, syncRequest()));
  await acceptAll(server, await sync(server, syncRequest(withWarningTone)));
  await sync(
    server,
    syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#1144ee')),
  );
}

export async function componentId(server: LiveServer, name: string): Promise<string> {
  const res = await server.api<{ items: Array<{ id: string; name: string }> }>(
    'GET',
    `/projects/${server.projectId}/components?limit=200`,
  );
  return res.body.items.find((c) => c.name === name)!.id;
}

export async function versions(
  server: LiveServer,
  name: string,
): Promise<Array<{ id: string; version: string; status: string; tags: string[]; trigger: string }>> {
  const res = await server.api<{
    items: Array<{ id: string; version: string; status: string; tags: string[]; trigger: string }>;
  }>('GET', `/components/${await componentId(server, name)}/versions?limit=200`);
  return res.body.items;
}

export async function currentVersion(server: LiveServer, name: string): Promise<string | null> {
  const res = await server.api<{ currentVersion: { version: string } | null }>(
    'GET',
    `/components/${await componentId(server, name)}`,
  );
  return res.body.currentVersion?.version ?? null;
}
