import { afterEach, describe, expect, it } from 'vitest';
import { decodeSnapshot, parseManifest, SNAPSHOT_KEY, SNAPSHOT_NAMESPACE } from '../../core/snapshot/index.js';
import { tokenPath } from '../../core/tokens/index.js';
import type { Extraction, Progress } from '../../plugin/messages.js';
import { extractFile } from '../../plugin/main/extract/index.js';
import { writeSnapshot } from '../../plugin/main/snapshot.js';
import { validateSyncBody } from '../../server/services/sync/validate.js';
import {
  createFakeFigma,
  FORBIDDEN_SYNC_CALLS,
  realisticDesignSystem,
  REMOTE_VARIABLE_ID,
  type FakeFigma,
} from '../fakes/figma/index.js';

// The plugin's main thread against the strict fake `figma` global, on a realistic design system.
describe('extraction from the open file', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  const run = async (
    options: { fileKey?: string | null } = { fileKey: 'FileKey1234567' },
  ): Promise<{ fake: FakeFigma; extraction: Extraction; progress: Progress[] }> => {
    const fake = createFakeFigma(realisticDesignSystem(), options);
    restore = fake.install();
    const progress: Progress[] = [];
    const extraction = await extractFile(options.fileKey ?? null, (p) => progress.push(p));
    return { fake, extraction, progress };
  };

  it('reads with the async API only, loading all pages before searching them', async () => {
    const { fake } = await run();
    expect(fake.calls.filter((c) => FORBIDDEN_SYNC_CALLS.includes(c))).toEqual([]);
    const load = fake.calls.indexOf('loadAllPagesAsync');
    const search = fake.calls.indexOf('root.findAllWithCriteria');
    expect(load).toBeGreaterThanOrEqual(0);
    expect(search).toBeGreaterThan(load);
  });

  it('gives a sync request the server accepts: every collection and mode, aliases kept as ids, the library variable followed', async () => {
    const { extraction } = await run();
    const valid = validateSyncBody({ ...extraction.request, fileKey: 'FileKey1234567' });
    expect(valid.request.components.length).toBe(extraction.request.components.length);
    const { tokens } = extraction.request;
    // Collections keep all their modes, by id and name.
    for (const c of tokens.collections) expect(c.modes.length).toBeGreaterThan(0);
    expect(tokens.collections.some((c) => c.modes.length >= 3)).toBe(true);
    // Aliases stay aliases (ids), across collections.
    const aliases = tokens.tokens
      .flatMap((t) => Object.values(t.valuesByMode))
      .filter((v) => typeof v === 'object' && v !== null && 'alias' in v);
    expect(aliases.length).toBeGreaterThan(5);
    // The library variable a local one aliases is included, marked remote, with its collection.
    const remote = tokens.tokens.find((t) => t.id === REMOTE_VARIABLE_ID);
    expect(remote?.source).toMatchObject({ kind: 'variable', remote: true });
    expect(tokens.collections.some((c) => c.id === remote!.collectionId)).toBe(true);
    expect(extraction.counts.libraryVariables).toBeGreaterThan(0);
  });

  it('reads component sets and lone components on every page, with every property kind and no #id suffixes', async () => {
    const { extraction } = await run();
    const { components } = extraction.request;
    expect(components.length).toBeGreaterThanOrEqual(3);
    const kinds = new Set(components.flatMap((c) => c.props.map((p) => p.kind)));
    expect([...kinds].sort()).toEqual(['boolean', 'instanceSwap', 'slot', 'text', 'variant']);
    for (const c of components) for (const p of c.props) expect(p.name).not.toMatch(/#/);
    // Variants of a set are its variants, not components of their own.
    const ids = new Set(components.map((c) => c.id));
    for (const c of components) for (const v of c.variants) if (v.id !== c.id) expect(ids.has(v.id)).toBe(false);
    // Bindings name tokens the set has (local, style, or library).
    const tokenIds = new Set(extraction.request.tokens.tokens.map((t) => t.id));
    for (const c of components)
      for (const v of c.variants)
        for (const id of Object.values(v.bindings)) expect(tokenIds.has(id), `${c.name} binds ${id}`).toBe(true);
  });

  it('skips unknown future kinds with a warning that names them, never a crash', async () => {
    const { extraction } = await run();
    expect(extraction.warnings.some((w) => /GRADIENT_FUTURE|not supported/.test(w))).toBe(true);
    expect(extraction.warnings.some((w) => /FUTURE_PROP|unknown type/.test(w))).toBe(true);
  });

  it('reports progress by phase, with counts', async () => {
    const { progress, extraction } = await run();
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['variables', 'styles', 'pages', 'components', 'library', 'done']);
    const last = progress.filter((p) => p.phase === 'components').at(-1)!;
    expect(last).toMatchObject({ done: extraction.counts.components, total: extraction.counts.components });
  });

  it('writes the snapshot into shared plugin data as DESIGN.md specifies, and clears chunks of a longer earlier one', async () => {
    const { fake, extraction } = await run();
    const root = fake.api.root;
    // An earlier, longer snapshot left three chunks.
    for (const i of [0, 1, 2]) root.setSharedPluginData(SNAPSHOT_NAMESPACE, `snapshot/${i}`, 'old');
    const written = writeSnapshot(
      { tokens: extraction.request.tokens, components: extraction.request.components },
      '2026-12-04T12:00:00.000Z',
    );
    const manifest = parseManifest(root.getSharedPluginData(SNAPSHOT_NAMESPACE, SNAPSHOT_KEY));
    expect(manifest).toMatchObject({
      chunks: written.chunks,
      sha256: written.sha256,
      syncedAt: '2026-12-04T12:00:00.000Z',
    });
    const entries = Object.fromEntries(
      root.getSharedPluginDataKeys(SNAPSHOT_NAMESPACE).map((k) => [k, root.getSharedPluginData(SNAPSHOT_NAMESPACE, k)]),
    );
    expect(decodeSnapshot(manifest, entries)).toEqual({
      tokens: extraction.request.tokens,
      components: extraction.request.components,
    });
    for (let i = written.chunks; i < 3; i++)
      expect(root.getSharedPluginData(SNAPSHOT_NAMESPACE, `snapshot/${i}`)).toBe('');
  });

  it('names the token paths as Figma shows them ("color/action/primary")', async () => {
    const { extraction } = await run();
    expect(extraction.request.tokens.tokens.every((t) => tokenPath(t).length >= 1 && !t.name.startsWith('/'))).toBe(
      true,
    );
  });
});
