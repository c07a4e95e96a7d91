import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPage,
  FidelityNotReady,
  formatBox,
  loadFidelityFixtures,
  measureFixture,
  measurePage,
  readyModel,
  TARGET,
  variantTrees,
  wiredProps,
  type FidelityFixture,
} from '../helpers/render-measure.js';
import { hasChromium, launchChromium } from './support/browser.js';

// Real Figma exports (test/fixtures/figma/real/) read by the REST reader, generated, bundled and
// rendered in Chromium: every visible layer lands where Figma put it, and props change what renders.
const fixtures = loadFidelityFixtures();

/** The trees and layer classes, or a failed assertion saying which part of issue 16 is missing. */
function ready(fixture: FidelityFixture) {
  try {
    return { trees: variantTrees(fixture.spec), model: readyModel(fixture.spec) };
  } catch (err) {
    if (err instanceof FidelityNotReady) expect.fail(err.message);
    throw err;
  }
}

describe.skipIf(!hasChromium)('generated components look like their Figma design', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has real fixtures of both kinds', () => {
    expect(fixtures.filter((f) => f.kind === 'auto-layout').length).toBeGreaterThan(0);
    expect(fixtures.filter((f) => f.kind === 'absolute').length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: every layer's box matches Figma's (${fixture.kind})`, async () => {
      ready(fixture);
      const result = await measureFixture(page, fixture);
      expect(result.total).toBeGreaterThan(0);
      const described = result.mismatches.map(
        (m) =>
          `${m.variant} · ${m.layer} (${m.type}): design ${formatBox(m.expected)}, rendered ${formatBox(m.rendered)}`,
      );
      if (fixture.kind === 'auto-layout') expect(described).toEqual([]);
      else
        expect(
          result.matched / result.total,
          `${result.matched} of ${result.total} layers match; worst:\n${described.slice(0, 10).join('\n')}`,
        ).toBeGreaterThanOrEqual(TARGET.absolute);
    });
  }

  const wired = fixtures.filter((f) => f.spec.props.some((p) => p.kind === 'text' || p.kind === 'boolean'));

  it('some fixture has text and boolean props wired to layers', () => {
    expect(wired.length).toBeGreaterThan(0);
  });

  for (const fixture of wired) {
    it(`${fixture.name}: a text prop changes the rendered text, a boolean prop false removes its layer`, async () => {
      const { trees, model } = ready(fixture);
      const variant = model.variants[0]!;
      const props = wiredProps(fixture.spec, trees.get(variant.id)!);
      expect(props.text.length + props.boolean.length, 'layers wired to text or boolean props').toBeGreaterThan(0);

      const changed = 'Measured, not assumed';
      const requests = [
        { key: 'default', variantId: variant.id, props: variant.props },
        {
          key: 'changed',
          variantId: variant.id,
          props: {
            ...variant.props,
            ...Object.fromEntries(props.text.map((t) => [t.ident, changed])),
            ...Object.fromEntries(props.boolean.map((b) => [b.ident, false])),
          },
        },
      ];
      const rendered = await measurePage(page, await buildPage(fixture.spec, requests));
      for (const { layer } of props.text) {
        expect(rendered.get('default')?.get(layer.id)?.text).toBe(layer.text?.characters);
        expect(rendered.get('changed')?.get(layer.id)?.text).toBe(changed);
      }
      for (const { layer } of props.boolean) {
        expect(rendered.get('default')?.has(layer.id), `${layer.name} renders by default`).toBe(true);
        expect(rendered.get('changed')?.has(layer.id), `${layer.name} is gone when its prop is false`).toBe(false);
      }
    });
  }
});
