import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRequest } from '../../../core/contract/sync.js';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { ApiClient } from '../../../plugin/ui/api/client.js';
import { syncChanged, type SyncBody } from '../../../plugin/ui/api/sync-request.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createFakeFigma, layeredDesignSystem } from '../../fakes/figma/index.js';

const FILE = 'LayeredFile123';

// The plugin UI's sync against a real server over HTTP, with what the plugin extracts from the fake `figma`.
describe('a sync sends only what the server does not hold', () => {
  let t: TestApp;
  let api: ApiClient;
  let extracted: SyncBody;
  const sent: SyncRequest[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // Real fetch; what each sync sent is kept to look at.
    api = new ApiClient({ serverUrl: base, token: t.adminToken }, (input, init) => {
      if (String(input).endsWith('/syncs')) sent.push(JSON.parse(String(init?.body)) as SyncRequest);
      return fetch(input, init);
    });
    const fake = createFakeFigma(layeredDesignSystem({ componentSets: 6, variantsPerSet: 3, layersPerVariant: 12 }), {
      fileKey: FILE,
    });
    const restore = fake.install();
    try {
      extracted = { ...(await extractFile(FILE, () => undefined)).request, fileKey: FILE };
    } finally {
      restore();
    }
  });
  afterAll(async () => t?.close());

  it('sends every component the first time, then names them all unchanged: the server’s digests are the plugin’s', async () => {
    const first = await syncChanged(api, t.projectId, extracted);
    expect(first.proposals.length).toBe(extracted.components.length);
    expect(sent.at(-1)!.components.length).toBe(extracted.components.length);
    expect(sent.at(-1)!.unchanged).toBeUndefined();
    await api.decide(
      first.syncId,
      first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' as const })),
    );

    const again = await syncChanged(api, t.projectId, extracted);
    expect(again.proposals).toEqual([]);
    expect(again.unchanged).toBe(extracted.components.length);
    expect(sent.at(-1)!.components).toEqual([]);
    expect(
      sent
        .at(-1)!
        .unchanged!.map((u) => u.id)
        .sort(),
    ).toEqual(extracted.components.map((c) => c.id).sort());
  });

  it('sends an edited component in full, and everything in full again when the server’s copy moved on meanwhile', async () => {
    const edited = structuredClone(extracted);
    edited.components[2]!.description = 'Edited in Figma';
    const answer = await syncChanged(api, t.projectId, edited);
    expect(answer.proposals.map((p) => p.componentName)).toEqual([edited.components[2]!.name]);
    expect(sent.at(-1)!.components.map((c) => c.id)).toEqual([edited.components[2]!.id]);

    // Another sync records another design of a component between the listing and this sync.
    const calls = sent.length;
    const racing = new ApiClient({ serverUrl: t.app.listeningOrigin, token: t.adminToken }, async (input, init) => {
      if (String(input).endsWith('/syncs') && sent.length === calls) {
        const moved = structuredClone(edited);
        moved.components[0]!.description = 'Moved on';
        await api.sync(t.projectId, moved);
      }
      if (String(input).endsWith('/syncs')) sent.push(JSON.parse(String(init?.body)) as SyncRequest);
      return fetch(input, init);
    });
    await syncChanged(racing, t.projectId, edited);
    // The named-unchanged attempt was refused (409, nothing stored), then everything went in full.
    const [named, full] = sent.slice(-2);
    expect(named!.unchanged!.length).toBeGreaterThan(0);
    expect(full!.unchanged).toBeUndefined();
    expect(full!.components.length).toBe(edited.components.length);
  });
});
