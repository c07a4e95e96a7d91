import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { buildModel } from '../../../core/codegen/component-model.js';
import { variantKey } from '../../../core/specs/index.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import type { RequestContext } from '../../lib/context.js';
import { keyMatcher, renderedPropSets, storiesOf, type ArgSet } from './coverage-scan.js';
import { previousInputs } from '../generation/index.js';
import { latestSpecIfValid } from '../sync/index.js';

type ComponentRow = Prisma.ComponentGetPayload<{ include: { currentVersion: true } }>;

export interface VariantCoverage {
  /** the variant's identity in the spec ("size=lg, state=hover"; "" for a lone component) */
  key: string;
  /** Figma's label, in the order of the props ("size=lg") */
  label: string;
  values: Record<string, string>;
  /** export name of a story that shows this variant, or null */
  story: string | null;
  /** a test renders this variant */
  tested: boolean;
}

export interface ComponentCoverage {
  componentId: string;
  name: string;
  versionId: string;
  version: string;
  /** where the variants came from: the version's own spec, or the design (hand-made versions) */
  variantSource: 'version' | 'design' | null;
  storiesFiles: string[];
  testFiles: string[];
  variants: VariantCoverage[];
  totals: { variants: number; withStory: number; tested: number };
}

export interface CoverageReport {
  components: ComponentCoverage[];
  totals: {
    components: number;
    variants: number;
    withStory: number;
    tested: number;
    storyCoverage: number;
    testCoverage: number;
  };
  designOnly: { componentId: string; name: string; lastSeenAt: string | null }[];
  codeOnly: {
    componentId: string;
    name: string;
    version: string;
    reason: 'removed_from_design' | 'never_in_design';
    removedAt: string | null;
  }[];
}

const STORIES = /\.stories\.[cm]?[jt]sx?$/;
const TESTS = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * Per published component: which of its variants have a story and are rendered by a test,
 * judged from the version's files (stories and test scaffolds as codegen writes them, or edited
 * by hand). Plus the gaps between design and code: components only in the design (never
 * published) and published components the design no longer has.
 */
export async function projectCoverage(ctx: RequestContext): Promise<CoverageReport> {
  const components = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId },
    include: { currentVersion: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const report: CoverageReport = {
    components: [],
    totals: { components: 0, variants: 0, withStory: 0, tested: 0, storyCoverage: 1, testCoverage: 1 },
    designOnly: [],
    codeOnly: [],
  };
  for (const c of components) {
    if (!c.currentVersion) {
      if (c.latestSpec && !c.removedAt)
        report.designOnly.push({ componentId: c.id, name: c.name, lastSeenAt: c.lastSeenAt?.toISOString() ?? null });
      continue;
    }
    if (c.removedAt || !c.latestSpec) {
      report.codeOnly.push({
        componentId: c.id,
        name: c.name,
        version: c.currentVersion.version,
        reason: c.removedAt ? 'removed_from_design' : 'never_in_design',
        removedAt: c.removedAt?.toISOString() ?? null,
      });
    }
    report.components.push(await componentCoverage(ctx, c));
  }
  const t = report.totals;
  t.components = report.components.length;
  for (const c of report.components) {
    t.variants += c.totals.variants;
    t.withStory += c.totals.withStory;
    t.tested += c.totals.tested;
  }
  t.storyCoverage = t.variants ? t.withStory / t.variants : 1;
  t.testCoverage = t.variants ? t.tested / t.variants : 1;
  return report;
}

async function componentCoverage(ctx: RequestContext, c: ComponentRow): Promise<ComponentCoverage> {
  const version = c.currentVersion!;
  const own = previousInputs(version).spec;
  const design = latestSpecIfValid(c.latestSpec);
  const spec = own ?? design;
  const files = await loadVersionFiles(ctx.db, version.id);
  const storiesFiles = files.filter((f) => STORIES.test(f.path));
  const testFiles = files.filter((f) => TESTS.test(f.path));
  const variants = spec
    ? variantsCoverage(
        spec,
        storiesFiles.map((f) => f.content),
        testFiles.map((f) => f.content),
      )
    : [];
  return {
    componentId: c.id,
    name: c.name,
    versionId: version.id,
    version: version.version,
    variantSource: own ? 'version' : design ? 'design' : null,
    storiesFiles: storiesFiles.map((f) => f.path),
    testFiles: testFiles.map((f) => f.path),
    variants,
    totals: {
      variants: variants.length,
      withStory: variants.filter((v) => v.story).length,
      tested: variants.filter((v) => v.tested).length,
    },
  };
}

function variantsCoverage(spec: ComponentSpec, stories: string[], tests: string[]): VariantCoverage[] {
  // The generator's own names for the props, so its files match exactly; keyMatcher also
  // accepts the Figma name and folded spellings for hand-written files.
  const model = buildModel(spec);
  const props = model.variantProps.map((p) => ({
    name: p.def.name,
    matches: keyMatcher(p.ident, p.def.name),
    fallback: String(p.defaultValue ?? ''),
  }));
  const parsedStories = stories.map(storiesOf);
  const rendered = tests.map((t) => renderedPropSets(t, model.name));

  /** Does this set of args (missing ones falling back to the meta's, then the component's defaults) show these values? */
  const shows = (values: readonly string[], ...layers: ArgSet[]): boolean =>
    props.every((p, j) => {
      let value = p.fallback;
      for (const layer of layers) for (const [k, v] of layer) if (p.matches(k)) value = v;
      return value === values[j];
    });

  return model.variants.map((v) => {
    const values = Object.fromEntries(props.map((p, j) => [p.name, v.values[j] ?? '']));
    let story: string | null = null;
    for (const { meta, stories: list } of parsedStories) {
      const hit = list.find((s) => (v.label !== '' && s.name === v.label) || shows(v.values, meta, s.args));
      if (hit) {
        story = hit.exportName;
        break;
      }
    }
    const tested = rendered.some((r) => r.renders && r.sets.some((set) => shows(v.values, set)));
    return { key: variantKey(values), label: v.label, values, story, tested };
  });
}
