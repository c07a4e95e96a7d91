// Layer trees a client should never send (too many layers, too deep, geometry that is not
// geometry, a path the size of a file): each is a 400 naming where in the body and which limit,
// and nothing is stored. The trees just inside the caps go through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_LIMITS } from '../../../core/contract/layer-limits.js';
import type { Layer } from '../../../core/contract/layers.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { snapshot } from '../../helpers/state.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';

const box = { x: 0, y: 0, width: 10, height: 10 };
const leaf = (id: string): Layer => ({ id, name: `Layer ${id}`, type: 'RECTANGLE', box });

/** A root with `count` layers in all, the root included, as direct children. */
function wide(count: number): Layer {
  return {
    id: '1:0',
    name: 'Root',
    type: 'COMPONENT',
    box,
    children: Array.from({ length: count - 1 }, (_, i) => leaf(`2:${i}`)),
  };
}

/** A chain of `levels` layers, the root being level 1. */
function deep(levels: number): Layer {
  let layer = leaf(`3:${levels}`);
  for (let level = levels - 1; level >= 1; level--) layer = { ...leaf(`3:${level}`), type: 'FRAME', children: [layer] };
  return layer;
}

/** The root with one child whose box or vector the caller spoils. */
function withChild(child: Record<string, unknown>): Layer {
  return { id: '1:0', name: 'Root', type: 'COMPONENT', box, children: [{ ...leaf('4:1'), ...child } as Layer] };
}

/** The fixture's sync with the Button's first variant carrying `layers`. */
const withLayers = (layers: unknown, fileKey = 'HOSTILE'): SyncRequest =>
  syncRequest((ds) => {
    (ds.components[0]!.variants[0] as { layers?: unknown }).layers = layers;
  }, fileKey);

const VARIANT = 'body.components.0.variants.0.layers';

type ErrorBody = {
  error: { code: string; message: string; details?: { issues?: Array<{ path: string; message: string }> } };
};

describe.each(dbKinds)('hostile layer trees on %s', (kind) => {
  let t: TestApp;
  const sync = (body: unknown) => t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const refused: Array<[string, () => unknown, string, RegExp]> = [
    [
      `${LAYER_LIMITS.layersPerVariant + 1} layers`,
      () => wide(LAYER_LIMITS.layersPerVariant + 1),
      `${VARIANT}.children.${LAYER_LIMITS.layersPerVariant - 1}`,
      new RegExp(`at most ${LAYER_LIMITS.layersPerVariant} layers`),
    ],
    [
      `${LAYER_LIMITS.depth + 1} levels`,
      () => deep(LAYER_LIMITS.depth + 1),
      `${VARIANT}${'.children.0'.repeat(LAYER_LIMITS.depth)}`,
      new RegExp(`at most ${LAYER_LIMITS.depth} levels`),
    ],
    [
      'a 1e308 coordinate',
      () => withChild({ box: { ...box, x: 1e308 } }),
      `${VARIANT}.children.0.box.x`,
      new RegExp(`±${LAYER_LIMITS.coordinate}`),
    ],
    ['a "NaN" coordinate', () => withChild({ box: { ...box, y: 'NaN' } }), `${VARIANT}.children.0.box.y`, /number/],
    ['a -5 width', () => withChild({ box: { ...box, width: -5 } }), `${VARIANT}.children.0.box.width`, /negative/],
    [
      'a 10 MB vector path',
      () =>
        withChild({
          type: 'VECTOR',
          vector: {
            fillGeometry: [
              { path: `M 0 0 ${'L 1 1 '.repeat(1_666_666)}Z`.slice(0, 10_000_000), windingRule: 'NONZERO' },
            ],
          },
        }),
      `${VARIANT}.children.0.vector.fillGeometry.0.path`,
      new RegExp(`longer than ${LAYER_LIMITS.pathChars} characters`),
    ],
  ];

  it.each(refused)(
    'a variant with %s is a 400 naming the path and the limit; nothing is stored',
    async (_, tree, path, limit) => {
      const before = await snapshot(t);
      const res = await sync(withLayers(tree()));
      expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
      const { error } = res.json() as ErrorBody;
      expect(error.code).toBe('validation_failed');
      expect(error.message.startsWith(`${path}: `), error.message.slice(0, 300)).toBe(true);
      expect(error.message).toMatch(limit);
      expect(error.details?.issues?.[0]).toMatchObject({ path, message: expect.stringMatching(limit) });
      // The answer names the field; it does not echo the hostile value back.
      expect(res.body.length).toBeLessThan(10_000);
      expect(await snapshot(t)).toEqual(before);
    },
  );

  // A 10,000,000-character path fits in the default body limit (10 MiB) and is refused by the
  // tree's own cap above; a path past the body limit never reaches the schema, so the 413 has to
  // say which limit it is.
  it('a vector path past the body limit is a 413 naming that limit; nothing is stored', async () => {
    const before = await snapshot(t);
    const res = await sync(
      withLayers(
        withChild({
          type: 'VECTOR',
          vector: { fillGeometry: [{ path: 'M'.repeat(11 * 1024 * 1024), windingRule: 'NONZERO' }] },
        }),
      ),
    );
    expect(res.statusCode).toBe(413);
    const { error } = res.json() as ErrorBody;
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('10 MB');
    expect(error.message).toContain('BODY_LIMIT_BYTES');
    expect(await snapshot(t)).toEqual(before);
  });

  it(`accepts a ${LAYER_LIMITS.depth}-level tree and a ${LAYER_LIMITS.layersPerVariant}-layer variant`, async () => {
    const before = await t.db.prisma.componentVersion.count();
    const res = await sync(
      syncRequest((ds) => {
        (ds.components[0]!.variants[0] as { layers?: unknown }).layers = deep(LAYER_LIMITS.depth);
        (ds.components[0]!.variants[1] as { layers?: unknown }).layers = wide(LAYER_LIMITS.layersPerVariant);
      }, 'AT-THE-CAPS'),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(await t.db.prisma.componentVersion.count()).toBeGreaterThan(before);
    const button = await t.db.prisma.componentVersion.findFirstOrThrow({
      where: { component: { name: 'Button' } },
      orderBy: { createdAt: 'desc' },
    });
    const variants = (button.spec as unknown as { variants: Array<{ layers?: Layer }> }).variants;
    let depth = 0;
    for (let layer: Layer | undefined = variants[0]!.layers; layer; layer = layer.children?.[0]) depth += 1;
    expect(depth).toBe(LAYER_LIMITS.depth);
    expect(variants[1]!.layers!.children).toHaveLength(LAYER_LIMITS.layersPerVariant - 1);
  });
});
