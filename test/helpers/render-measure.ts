/**
 * Fidelity, measured (DESIGN.md "Previews and fidelity"): the real Figma exports of
 * test/fixtures/figma/real/ normalized by the REST reader, generated, bundled with esbuild for
 * the browser, rendered in Chromium, and every layer's rendered box compared with the box Figma
 * computed. Shared by `npm run bench -- fidelity` and test/e2e/fidelity.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { Layer } from '../../core/contract/layers.js';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import { generateComponent, generateTokensCss, previewModel, type PreviewModel } from '../../core/codegen/index.js';
import { buildModel } from '../../core/codegen/component-model.js';
import { specsFromRestNodes, type RestNodesResponseLike } from '../../core/specs/from-rest.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REAL = join(root, 'test/fixtures/figma/real');

/** x, y, width and height may each differ by this much (px) for a layer to match its design. */
export const TOLERANCE = { layer: 1, text: 2 } as const;
/**
 * A hugging text drawn in the design's family within this much (px) of Figma's size is taken as
 * drawn in Figma's font; beyond it, as another version of it (its size pinned, the layers it moves
 * counted as font-dependent).
 */
const FONT_VERSION_SLACK = 0.5;
/** DESIGN.md targets, as a share of visible layers. */
export const TARGET = { 'auto-layout': 0.98, absolute: 0.9 } as const;

export type FixtureKind = keyof typeof TARGET;

export interface FidelityFixture {
  /** the fixture file and component, for reports */
  readonly name: string;
  readonly kind: FixtureKind;
  readonly spec: ComponentSpec;
  /** the tokens its bound values name (tokens.css of the page) */
  readonly tokens: TokenSet;
  /**
   * `real`: boxes Figma computed (test/fixtures/figma/real/); `typed`: boxes a person typed into
   * a fake design, which no font's metrics produced: reported apart, never counted as geometry.
   */
  readonly geometry: 'real' | 'typed';
}

/** Why fidelity cannot be measured yet: another part of issue 16 is not on this branch. */
export class FidelityNotReady extends Error {}

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(readFileSync(join(REAL, file), 'utf8')) as Json;
}

/**
 * The SEED export holds the Tag as an instance inside a screen (its component's own node is in
 * a library file nobody published). An instance's subtree is its component's, with the
 * instance's property values: this puts it back as a one-variant set, the values as defaults.
 * Ids, geometry and every other field stay Figma's.
 */
export function instanceAsComponentSet(instance: Json): Json {
  const properties = (instance.componentProperties ?? {}) as Record<string, { type: string; value: unknown }>;
  const definitions: Record<string, Json> = {};
  const variantValues: string[] = [];
  for (const [key, p] of Object.entries(properties)) {
    if (p.type === 'VARIANT') {
      definitions[key] = { type: 'VARIANT', defaultValue: p.value, variantOptions: [p.value] };
      variantValues.push(`${key}=${String(p.value)}`);
    } else {
      definitions[key] = { type: p.type, defaultValue: p.value };
    }
  }
  const own: Json = { ...instance };
  for (const field of ['componentId', 'componentProperties', 'overrides']) delete own[field];
  const variant = { ...own, type: 'COMPONENT', name: variantValues.join(', ') };
  return {
    id: `${String(instance.id)}#set`,
    name: String(instance.name).replace(/^.*\/\s*/, ''),
    type: 'COMPONENT_SET',
    componentPropertyDefinitions: definitions,
    children: [variant],
  };
}

/**
 * fig4ai's cover frame is a plain FRAME (auto layout, Inter), not a component: read as a lone
 * component so its real auto-layout geometry is measured. Only the root's type changes; ids,
 * geometry and every other field stay Figma's.
 */
export function frameAsComponent(frame: Json): Json {
  return { ...frame, type: 'COMPONENT' };
}

/** Every fixture component of test/fixtures/figma/real/ that has geometry (README.md there). */
export function loadFidelityFixtures(): FidelityFixture[] {
  const fixtures: FidelityFixture[] = [];
  const add = (file: string, kind: FixtureKind, response: Json) => {
    for (const spec of specsFromRestNodes(response as unknown as RestNodesResponseLike))
      fixtures.push({ name: `${file}: ${spec.name}`, kind, spec, tokens: EMPTY_TOKENS, geometry: 'real' });
  };

  const seed = readJson('seed-design.tag-instance-nodes.json');
  const nodes = seed.nodes as Record<string, Json>;
  add('seed-design.tag-instance-nodes.json', 'auto-layout', {
    nodes: Object.fromEntries(
      Object.entries(nodes).map(([id, entry]) => [
        id,
        { ...entry, document: instanceAsComponentSet(entry.document as Json) },
      ]),
    ),
  });
  add('figmagic.elements-nodes.json', 'absolute', readJson('figmagic.elements-nodes.json'));
  add('fig4ai.design-tokens-demo-nodes.json', 'absolute', readJson('fig4ai.design-tokens-demo-nodes.json'));
  const cover = readJson('fig4ai.cover-frame-nodes.json');
  add('fig4ai.cover-frame-nodes.json', 'auto-layout', {
    nodes: Object.fromEntries(
      Object.entries(cover.nodes as Record<string, Json>).map(([id, entry]) => [
        id,
        { ...entry, document: frameAsComponent(entry.document as Json) },
      ]),
    ),
  });
  return fixtures;
}

/** The tree of each variant, or a loud refusal when the REST reader does not produce trees yet. */
export function variantTrees(spec: ComponentSpec): Map<string, Layer> {
  const trees = new Map<string, Layer>();
  for (const variant of spec.variants) {
    const layers = (variant as { layers?: Layer }).layers;
    if (!layers) throw new FidelityNotReady(`${spec.name}: no layer tree: readers not merged (Variant.layers absent)`);
    trees.set(variant.id, layers);
  }
  return trees;
}

/** The preview model, or a loud refusal when codegen does not map layers to classes yet. */
export function readyModel(spec: ComponentSpec): PreviewModel {
  const model = previewModel(spec);
  if (model.variants.every((v) => v.layers.length === 0))
    throw new FidelityNotReady(`${spec.name}: codegen not merged (previewModel lists no layer classes)`);
  return model;
}

/** Visible layers of a tree (a hidden layer hides its subtree), in document order. */
export function visibleLayers(rootLayer: Layer): Layer[] {
  const out: Layer[] = [];
  const walk = (layer: Layer) => {
    if (layer.visible === false) return;
    out.push(layer);
    for (const child of layer.children ?? []) walk(child);
  };
  walk(rootLayer);
  return out;
}

/** One rendering of a variant: its props, with overrides (a text prop changed, a boolean off). */
export interface RenderRequest {
  readonly key: string;
  readonly variantId: string;
  readonly props: Readonly<Record<string, string | boolean>>;
}

export const EMPTY_TOKENS: TokenSet = { collections: [], tokens: [] };

/**
 * A self-contained HTML page rendering each request of one component, each in a
 * `[data-render]` wrapper, with `data-figma-id` put on the element of each layer the preview
 * model names (as a preview build does), and `window.__rendered` set once fonts have loaded.
 */
export async function buildPage(
  spec: ComponentSpec,
  requests: readonly RenderRequest[],
  tokens: TokenSet = EMPTY_TOKENS,
): Promise<string> {
  const model = previewModel(spec);
  const generated = generateComponent(spec, tokens);
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-'));
  try {
    for (const file of [...generated.files, generateTokensCss(tokens)])
      writeFileSync(join(dir, file.path), file.content);
    const layersByVariant = Object.fromEntries(model.variants.map((v) => [v.id, v.layers]));
    const entry = `
      import { createElement } from 'react';
      import { flushSync } from 'react-dom';
      import { createRoot } from 'react-dom/client';
      import './tokens.css';
      import * as mod from './${model.file}';
      import styles from './${model.cssFile}';
      const Component = mod[${JSON.stringify(model.exportName)}];
      const requests = ${JSON.stringify(requests)};
      const layers = ${JSON.stringify(layersByVariant)};
      for (const request of requests) {
        const host = document.createElement('div');
        host.setAttribute('data-render', request.key);
        host.setAttribute('data-variant', request.variantId);
        host.style.cssText = 'display: flow-root; margin: 0 0 40px 0; width: max-content';
        document.body.appendChild(host);
        flushSync(() => createRoot(host).render(createElement(Component, request.props)));
        for (const { layerId, className } of layers[request.variantId] ?? []) {
          const cls = styles[className];
          const el = cls ? host.querySelector('.' + CSS.escape(cls.split(' ')[0])) : null;
          if (el && !el.hasAttribute('data-figma-id')) el.setAttribute('data-figma-id', layerId);
        }
      }
      document.fonts.ready.then(() => { window.__rendered = true; });
    `;
    const result = await build({
      stdin: { contents: entry, resolveDir: dir, loader: 'tsx', sourcefile: 'fidelity-entry.tsx' },
      nodePaths: [join(root, 'node_modules')],
      outdir: join(dir, 'out'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      jsx: 'automatic',
      loader: { '.module.css': 'local-css', '.css': 'css' },
      define: { 'process.env.NODE_ENV': '"production"' },
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const text = (ext: string) =>
      result.outputFiles
        .filter((f) => f.path.endsWith(ext))
        .map((f) => f.text)
        .join('\n');
    const script = text('.js').replace(/<\/script/gi, '<\\/script');
    return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;padding:20px}${text('.css')}</style></head><body><script>${script}</script></body></html>`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Box = { x: number; y: number; width: number; height: number };

/** Rendered boxes of one request: layer id → box relative to the variant's root element. */
export type Measured = Map<string, Box & { text: string }>;

/** Reads every marked element's box, per request. */
async function readBoxes(page: Page): Promise<Map<string, Measured>> {
  const raw = await page.evaluate(() => {
    const out: Record<string, Array<[string, number, number, number, number, string]>> = {};
    for (const host of Array.from(document.querySelectorAll<HTMLElement>('[data-render]'))) {
      const rootEl = host.firstElementChild;
      if (!rootEl) continue;
      const origin = rootEl.getBoundingClientRect();
      out[host.dataset.render!] = Array.from(host.querySelectorAll<HTMLElement>('[data-figma-id]')).map((el) => {
        const r = el.getBoundingClientRect();
        return [el.dataset.figmaId!, r.x - origin.x, r.y - origin.y, r.width, r.height, el.textContent ?? ''];
      });
    }
    return out;
  });
  const result = new Map<string, Measured>();
  for (const [key, rows] of Object.entries(raw))
    result.set(key, new Map(rows.map(([id, x, y, width, height, text]) => [id, { x, y, width, height, text }])));
  return result;
}

/** Loads the page and reads every marked element's box once fonts are ready. */
export async function measurePage(page: Page, html: string): Promise<Map<string, Measured>> {
  await page.setContent(html);
  await page.waitForFunction(() => (window as unknown as { __rendered?: boolean }).__rendered === true);
  return readBoxes(page);
}

export interface Mismatch {
  readonly variant: string;
  readonly layer: string;
  readonly type: string;
  readonly expected: Layer['box'];
  /** null: no element renders it */
  readonly rendered: Box | null;
  /** the largest difference of x, y, width, height (Infinity when not rendered) */
  readonly off: number;
}

export interface Score {
  readonly matched: number;
  readonly total: number;
  readonly mismatches: Mismatch[];
}

/** The font a text layer asks for and the fonts Chromium drew it with (CSS.getPlatformFontsForNode). */
export interface FontUse {
  readonly layer: string;
  readonly design: readonly string[];
  readonly rendered: readonly string[];
  /** every font drawn is one of the design's families */
  readonly available: boolean;
}

export interface FidelityResult extends Score {
  /** each text layer's font, once per layer name and fonts */
  readonly fonts: FontUse[];
  /**
   * Layers whose rendered box depends on a font the machine lacks or draws off Figma's size
   * (`FONT_VERSION_SLACK`; on any font, for `typed` geometry): the text layers whose size follows their text, and every layer whose box moves
   * when those texts are given Figma's size (a hug parent, the siblings after them).
   * "variant · layer".
   */
  readonly fontDependent: string[];
  /** as rendered, over the visible layers outside `fontDependent` */
  readonly independent: Score;
  /** every visible layer, rendered again with those texts sized as Figma sized them */
  readonly pinned: Score;
}

const emptyScore = (): { matched: number; total: number; mismatches: Mismatch[] } => ({
  matched: 0,
  total: 0,
  mismatches: [],
});

/** Compares a variant's visible layers with what rendered (DESIGN.md's definition of a match). */
export function compareVariant(
  variantLabel: string,
  tree: Layer,
  measured: Measured | undefined,
  skip: ReadonlySet<string> = new Set(),
): Score {
  const mismatches: Mismatch[] = [];
  let matched = 0;
  let total = 0;
  for (const layer of visibleLayers(tree)) {
    if (skip.has(layer.id)) continue;
    total++;
    const box = measured?.get(layer.id);
    const tolerance = layer.type === 'TEXT' ? TOLERANCE.text : TOLERANCE.layer;
    const off = box
      ? Math.max(
          Math.abs(box.x - layer.box.x),
          Math.abs(box.y - layer.box.y),
          Math.abs(box.width - layer.box.width),
          Math.abs(box.height - layer.box.height),
        )
      : Infinity;
    if (off <= tolerance) matched++;
    else
      mismatches.push({
        variant: variantLabel,
        layer: layer.name,
        type: layer.type,
        expected: layer.box,
        rendered: box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
        off,
      });
  }
  return { matched, total, mismatches };
}

function designFamilies(layer: Layer): string[] {
  const text = layer.text;
  const families = [text?.fontName?.family, ...(text?.segments ?? []).map((s) => s.fontName?.family)];
  return [...new Set(families.filter((f): f is string => typeof f === 'string'))].sort();
}

/** Chromium's names for a face ("Inter Semi Bold") start with its family's ("Inter"). */
const drawnIn = (rendered: string, families: readonly string[]): boolean =>
  families.some((f) => rendered.toLowerCase().startsWith(f.toLowerCase()));

/** The axes along which a text layer sizes itself to its characters (Figma's auto-resize). */
function huggingAxes(layer: Layer): Array<'width' | 'height'> {
  const mode = layer.text?.textAutoResize ?? 'NONE';
  const sizing = layer.layout;
  const axes: Array<'width' | 'height'> = [];
  if (mode === 'WIDTH_AND_HEIGHT' && sizing?.layoutSizingHorizontal !== 'FILL') axes.push('width');
  if ((mode === 'WIDTH_AND_HEIGHT' || mode === 'HEIGHT') && sizing?.layoutSizingVertical !== 'FILL')
    axes.push('height');
  return axes;
}

const sameBox = (a: Box | undefined, b: Box | undefined): boolean =>
  !!a &&
  !!b &&
  Math.abs(a.x - b.x) < 0.05 &&
  Math.abs(a.y - b.y) < 0.05 &&
  Math.abs(a.width - b.width) < 0.05 &&
  Math.abs(a.height - b.height) < 0.05;

/**
 * Renders every variant of a fixture with its own props and measures it against its trees: as
 * rendered, then with each text layer that Chromium drew in a font other than the design's
 * given Figma's size along the axes it hugs, to tell layout defects from font metrics.
 */
export async function measureFixture(page: Page, fixture: FidelityFixture): Promise<FidelityResult> {
  const trees = variantTrees(fixture.spec);
  const model = readyModel(fixture.spec);
  const requests = model.variants.map((v) => ({ key: v.id, variantId: v.id, props: v.props }));
  const raw = await measurePage(page, await buildPage(fixture.spec, requests, fixture.tokens));

  const fonts = new Map<string, FontUse>();
  const pins: Array<{ key: string; id: string; width?: number; height?: number }> = [];
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    for (const variant of model.variants) {
      for (const layer of visibleLayers(trees.get(variant.id)!)) {
        if (layer.type !== 'TEXT') continue;
        const selector = `[data-render=${JSON.stringify(variant.id)}] [data-figma-id=${JSON.stringify(layer.id)}]`;
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        if (!nodeId) continue;
        const used = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const rendered = [...new Set(used.fonts.map((f) => f.familyName))].sort();
        const design = designFamilies(layer);
        const available = rendered.length > 0 && rendered.every((r) => drawnIn(r, design));
        fonts.set(`${layer.name}\u0000${design.join()}\u0000${rendered.join()}`, {
          layer: layer.name,
          design,
          rendered,
          available,
        });
        // Typed boxes came from no font at all: every hugging text takes the design's size. Real
        // boxes drawn in an installed family take it too where the machine's font draws them off
        // Figma's size (another version of it: Debian's Inter against the one Figma measured).
        const drawn = raw.get(variant.id)?.get(layer.id);
        const axes = huggingAxes(layer).filter(
          (axis) =>
            !available ||
            fixture.geometry !== 'real' ||
            !drawn ||
            Math.abs(drawn[axis] - layer.box[axis]) > FONT_VERSION_SLACK,
        );
        if (axes.length > 0)
          pins.push({
            key: variant.id,
            id: layer.id,
            ...(axes.includes('width') ? { width: layer.box.width } : {}),
            ...(axes.includes('height') ? { height: layer.box.height } : {}),
          });
      }
    }
  } finally {
    await cdp.detach();
  }

  await page.evaluate((list) => {
    for (const pin of list) {
      const host = Array.from(document.querySelectorAll<HTMLElement>('[data-render]')).find(
        (h) => h.dataset.render === pin.key,
      );
      const el = Array.from(host?.querySelectorAll<HTMLElement>('[data-figma-id]') ?? []).find(
        (e) => e.dataset.figmaId === pin.id,
      );
      if (!el) continue;
      for (const axis of ['width', 'height'] as const) {
        const size = pin[axis];
        if (size === undefined) continue;
        for (const p of [axis, `min-${axis}`, `max-${axis}`]) el.style.setProperty(p, `${size}px`, 'important');
      }
    }
  }, pins);
  const pinnedBoxes = await readBoxes(page);

  const all = emptyScore();
  const independent = emptyScore();
  const pinned = emptyScore();
  const fontDependent: string[] = [];
  const add = (into: ReturnType<typeof emptyScore>, score: Score) => {
    into.matched += score.matched;
    into.total += score.total;
    into.mismatches.push(...score.mismatches);
  };
  for (const variant of model.variants) {
    const tree = trees.get(variant.id)!;
    const before = raw.get(variant.id);
    const after = pinnedBoxes.get(variant.id);
    const pinnedIds = new Set(pins.filter((p) => p.key === variant.id).map((p) => p.id));
    const moved = new Set(
      visibleLayers(tree)
        .filter((l) => pinnedIds.has(l.id) || !sameBox(before?.get(l.id), after?.get(l.id)))
        .filter((l) => before?.has(l.id))
        .map((l) => l.id),
    );
    for (const l of visibleLayers(tree))
      if (moved.has(l.id)) fontDependent.push(`${variant.label || fixture.spec.name} · ${l.name}`);
    const label = variant.label || fixture.spec.name;
    add(all, compareVariant(label, tree, before));
    add(independent, compareVariant(label, tree, before, moved));
    add(pinned, compareVariant(label, tree, after));
  }
  const byOff = (s: ReturnType<typeof emptyScore>): Score => ({
    ...s,
    mismatches: s.mismatches.sort((a, b) => b.off - a.off),
  });
  return {
    ...byOff(all),
    fonts: [...fonts.values()],
    fontDependent,
    independent: byOff(independent),
    pinned: byOff(pinned),
  };
}

/** Identifiers of the spec's text and boolean props, with the layers wired to them in a tree. */
export function wiredProps(
  spec: ComponentSpec,
  tree: Layer,
): { text: Array<{ ident: string; layer: Layer }>; boolean: Array<{ ident: string; layer: Layer }> } {
  const idents = new Map(buildModel(spec).props.map((p) => [p.def.name, p.ident]));
  const text: Array<{ ident: string; layer: Layer }> = [];
  const boolean: Array<{ ident: string; layer: Layer }> = [];
  for (const layer of visibleLayers(tree)) {
    const chars = layer.props?.characters && idents.get(layer.props.characters);
    if (chars) text.push({ ident: chars, layer });
    const visible = layer.props?.visible && idents.get(layer.props.visible);
    if (visible) boolean.push({ ident: visible, layer });
  }
  return { text, boolean };
}

export function formatBox(b: { x: number; y: number; width: number; height: number } | null): string {
  if (!b) return 'not rendered';
  const n = (v: number) => String(Math.round(v * 10) / 10);
  return `${n(b.x)},${n(b.y)} ${n(b.width)}×${n(b.height)}`;
}
