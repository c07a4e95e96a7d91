import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { dtcgExampleTokens } from '../../helpers/dtcg-examples.js';
import { notificationsOf, settled, startAutomation, versionsOf, waitUntil, type Automation } from './support.js';

/*
 * Token files as a design source: Shopify Polaris's DTCG 2025.10 documents and resolver (from the
 * `dtcg-examples` package) copied into a directory under TOKEN_SOURCES_ROOT. Editing a file there
 * is noticed by the watcher and regenerates the components that use the tokens.
 */
const examples = dirname(createRequire(import.meta.url).resolve('dtcg-examples/package.json'));
const SAMPLE: ComponentSpec = {
  id: '1:1',
  name: 'Sample',
  props: [],
  variants: [{ id: '1:2', values: {}, bindings: { fill: 'color.black', paddingLeft: 'space.none' } }],
};

describe.each(dbKinds)('token files on %s', (kind) => {
  let a: Automation;
  let root: string;
  let outside: string;
  const colors = () => join(root, 'ds', 'shopify-polaris', 'colors.tokens.json');
  const setBlack = (hex: string) => {
    const doc = JSON.parse(readFileSync(colors(), 'utf8')) as { color: { black: { $value: unknown } } };
    doc.color.black.$value = hex;
    writeFileSync(colors(), JSON.stringify(doc, null, 2));
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-token-root-'));
    outside = mkdtempSync(join(tmpdir(), 'ds-token-outside-'));
    cpSync(join(examples, 'shopify-polaris.resolver.json'), join(root, 'ds', 'polaris.resolver.json'), {
      recursive: true,
    });
    cpSync(join(examples, 'shopify-polaris'), join(root, 'ds', 'shopify-polaris'), { recursive: true });
    cpSync(join(root, 'ds'), join(outside, 'secret'), { recursive: true });
    symlinkSync(join(outside, 'secret'), join(root, 'escape'));
    a = await startAutomation(kind, { TOKEN_SOURCES_ROOT: root, TOKEN_SOURCE_DEBOUNCE_MS: '200' });
    // The component was synced from these tokens once (as a plugin or CI would) and published.
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/syncs`, {
      body: { fileKey: 'polaris', tokens: dtcgExampleTokens('shopify-polaris'), components: [SAMPLE] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const draft = (res.json() as { proposals: { draftVersionId: string }[] }).proposals[0]!.draftVersionId;
    expect((await a.t.api('POST', `/api/v1/versions/${draft}/publish`, { body: {} })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await a?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const sources = async () =>
    (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/token-sources`)).json().items as Array<{
      id: string;
      path: string;
      lastHash: string | null;
      lastError: string | null;
    }>;

  it('refuses paths outside TOKEN_SOURCES_ROOT, naming the path, and stores nothing', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ path: '../', resolver: 'polaris.resolver.json' }, '"../"'],
      [{ path: 'ds\\..\\..', resolver: 'polaris.resolver.json' }, 'ds\\\\..\\\\..'],
      [{ path: outside, resolver: 'polaris.resolver.json' }, 'must be relative'],
      [{ path: 'escape', resolver: 'polaris.resolver.json' }, 'leads outside TOKEN_SOURCES_ROOT'],
      [{ path: 'ds', resolver: '../escape/polaris.resolver.json' }, '".."'],
      [{ path: 'nowhere', resolver: 'polaris.resolver.json' }, 'does not exist'],
      [{ path: 'ds\u0000', resolver: 'polaris.resolver.json' }, 'NUL'],
    ];
    for (const [body, named] of cases) {
      const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/token-sources`, { body });
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toContain(named);
    }
    expect(await sources()).toEqual([]);
    expect(await a.t.db.prisma.auditEvent.count({ where: { action: 'token_source.create' } })).toBe(0);
  });

  it('tracks a directory: the first read changes nothing, an edit is noticed and makes a draft (trigger token_change)', async () => {
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/token-sources`, {
      body: { path: 'ds', resolver: 'polaris.resolver.json' },
    });
    expect(res.statusCode, res.body).toBe(201);
    await waitUntil('the first read of the token files', async () => (await sources())[0]?.lastHash !== null);
    await settled(a);
    // Same tokens as the published version: nothing to propose.
    expect(await versionsOf(a, 'Sample')).toEqual([{ version: '1.0.0', status: 'published', trigger: 'sync' }]);

    setBlack('#111111');
    await expect
      .poll(async () => (await versionsOf(a, 'Sample')).at(-1), { timeout: 20_000, interval: 250 })
      .toEqual({ version: '1.1.0', status: 'draft', trigger: 'token_change' });
    await settled(a);
    const c = await a.t.db.prisma.component.findFirstOrThrow({ where: { projectId: a.t.projectId, name: 'Sample' } });
    const draft = await a.t.db.prisma.componentVersion.findFirstOrThrow({
      where: { componentId: c.id, version: '1.1.0' },
    });
    const css = (await a.t.api('GET', `/api/v1/versions/${draft.id}`))
      .json()
      .files.find((f: { path: string }) => f.path === 'tokens.css').content as string;
    expect(css).toContain('--color-black: #111111;');
    expect((await notificationsOf(a, 'draft.proposed')).some((n) => n.title.includes('Sample 1.0.0 → 1.1.0'))).toBe(
      true,
    );
  });

  it('a file that no longer parses is reported on the source and told once; nothing is stored until it is fixed', async () => {
    const versions = await a.t.db.prisma.componentVersion.count();
    writeFileSync(colors(), '{ "color": { "black": ');
    await waitUntil('the broken file to be reported', async () => (await sources())[0]?.lastError !== null, 20_000);
    const [source] = await sources();
    expect(source!.lastError).toContain('./shopify-polaris/colors.tokens.json');
    // Saved again, still broken: one notification, not one per save.
    writeFileSync(colors(), '{ "color": { "black": { ');
    await new Promise((r) => setTimeout(r, 1500));
    await settled(a);
    expect((await notificationsOf(a, 'check.failed')).filter((n) => n.title.includes('ds'))).toHaveLength(1);
    expect(await a.t.db.prisma.componentVersion.count()).toBe(versions);

    cpSync(join(examples, 'shopify-polaris', 'colors.tokens.json'), colors());
    setBlack('#222222');
    await expect
      .poll(async () => (await versionsOf(a, 'Sample')).at(-1)?.trigger, { timeout: 20_000, interval: 250 })
      .toBe('token_change');
    await waitUntil('the error to clear', async () => (await sources())[0]?.lastError === null);
    const latest = (await versionsOf(a, 'Sample')).filter((v) => v.status === 'draft');
    expect(latest.map((v) => v.version)).toEqual(['1.1.0']);
  });
});

describe('token files without TOKEN_SOURCES_ROOT', () => {
  it('are refused with 422 saying why', async () => {
    const a = await startAutomation('pglite');
    try {
      const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/token-sources`, {
        body: { path: 'ds', resolver: 'r.json' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('TOKEN_SOURCES_ROOT');
    } finally {
      await a.close();
    }
  });
});
