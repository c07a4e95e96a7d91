import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';

type Proposal = {
  componentName: string;
  fromVersion: string | null;
  toVersion: string;
  bump: string;
  reasons: string[];
  tokenChanges: Array<{ kind: string; name: string; tokenId: string }>;
  specChanges: Array<{ kind: string }>;
  files: Array<{ path: string; status: string }>;
};
type Mutate = (ds: { tokens: TokenSet; components: ComponentSpec[] }) => void;

const ACTION = 'VariableID:2:1'; // color/action/primary: Light → blue/500, Dark → blue/700
const BLUE_500 = 'VariableID:1:1';
const BLUE_700 = 'VariableID:1:2';
const SPACE_200 = 'VariableID:1:5';
const RADIUS = 'VariableID:1:7';
const SEMANTIC = 'VariableCollectionId:2:0';
const literal = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return {
    colorSpace: 'srgb',
    components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255],
    alpha: 1,
    hex,
  };
};
const token = (ds: { tokens: TokenSet }, id: string) => ds.tokens.tokens.find((t) => t.id === id)!;
const collection = (ds: { tokens: TokenSet }, id: string) => ds.tokens.collections.find((c) => c.id === id)!;
const button = (ds: { components: ComponentSpec[] }) => ds.components.find((c) => c.name === 'Button')!;

describe.each(dbKinds)('change detection: the right bump for the right components, on %s', (kind) => {
  let t: TestApp;
  let n = 0;
  /** A sync against the accepted baseline (nothing is accepted), proposals by component name. */
  const propose = async (mutate: Mutate): Promise<Map<string, Proposal>> => {
    const body = { ...syncRequest(mutate), fileVersion: `v${++n}` };
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json().errors).toEqual([]);
    return new Map((res.json().proposals as Proposal[]).map((p) => [p.componentName, p]));
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = (await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() })).json();
    const accepted = await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: {
        decisions: first.proposals.map((p: { componentId: string }) => ({
          componentId: p.componentId,
          decision: 'accept',
        })),
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(async () => t?.close());

  describe('token changes, diffed over the whole design system', () => {
    it('an alias re-pointed to a literal is a minor change, not the removal of the tokens it aliased', async () => {
      const p = (
        await propose((ds) => {
          token(ds, ACTION).valuesByMode = { '2:0': literal('#123456'), '2:1': literal('#654321') };
        })
      ).get('Button')!;
      expect(p.bump).toBe('minor');
      expect(p.tokenChanges.filter((c) => c.kind === 'removed')).toEqual([]);
      expect(p.reasons.join('; ')).not.toMatch(/removed/);
      expect(p.reasons).toContain('token color/action/primary changed {color/blue/500} → #123456 in mode Light');
    });

    it("a variant's binding moved to another token is minor: the token left behind still exists", async () => {
      const p = (
        await propose((ds) => {
          button(ds).variants[0]!.bindings.paddingLeft = 'VariableID:1:6';
        })
      ).get('Button')!;
      expect(p.bump).toBe('minor');
      expect(p.tokenChanges).toEqual([]);
      expect(p.reasons).toEqual(['binding `paddingLeft` of variant `size=sm` changed space/200 → space/300']);
    });

    it('a token gone from the design system while the component used it is a major removal', async () => {
      const proposals = await propose((ds) => {
        token(ds, ACTION).valuesByMode['2:1'] = literal('#654321');
        ds.tokens.tokens = ds.tokens.tokens.filter((x) => x.id !== BLUE_700);
      });
      const p = proposals.get('Button')!;
      expect(p.bump).toBe('major');
      expect(p.reasons).toContain('token color/blue/700 removed');
      // Badge and Card never reached blue/700.
      expect(proposals.has('Badge')).toBe(false);
      expect(proposals.has('Card')).toBe(false);
    });

    it('a change reached through an alias chain on either side counts, and only for the components it reaches', async () => {
      const proposals = await propose((ds) => {
        // action/primary (Light) now aliases blue/700 instead of blue/500, and blue/500 changed too:
        // blue/500 was reached before the change, so its change is listed.
        token(ds, ACTION).valuesByMode['2:0'] = { alias: BLUE_700 };
        token(ds, BLUE_500).valuesByMode['1:0'] = literal('#000000');
      });
      const p = proposals.get('Button')!;
      expect(p.bump).toBe('minor');
      expect(p.tokenChanges.map((c) => c.name).sort()).toEqual(['color/action/primary', 'color/blue/500']);
      expect([...proposals.keys()]).toEqual(['Button']);
    });
  });

  describe('bindings are the truth', () => {
    it('refs a client sends add to the bound tokens, never replace them', async () => {
      const p = (
        await propose((ds) => {
          button(ds).tokenRefs = ['VariableID:1:3'];
        })
      ).get('Button')!;
      expect(p.bump).toBe('patch');
      expect(p.tokenChanges.filter((c) => c.kind === 'removed')).toEqual([]);
      const draft = (
        await t.api('GET', `/api/v1/versions/${(p as Proposal & { draftVersionId: string }).draftVersionId}`)
      ).json() as { files: { path: string; content: string }[] };
      const css = draft.files.find((f) => f.path === 'tokens.css')!.content;
      expect(css).toContain('--color-action-primary:');
      expect(css).toContain('--color-green-500:');
    });
  });

  describe('collections and modes are inputs', () => {
    it('a mode renamed is major for every component using that collection', async () => {
      const proposals = await propose((ds) => {
        collection(ds, SEMANTIC).modes[1]!.name = 'Night';
      });
      expect(proposals.get('Button')).toMatchObject({ bump: 'major' });
      expect(proposals.get('Button')!.reasons).toContain(
        'mode Dark of collection Semantic renamed to Night ([data-theme="dark"] disappears)',
      );
      expect(proposals.get('Badge')!.bump).toBe('major');
      expect(proposals.get('Card')!.bump).toBe('major');
    });

    it('a mode removed is major', async () => {
      const p = (
        await propose((ds) => {
          const c = collection(ds, SEMANTIC);
          c.modes = c.modes.filter((m) => m.id !== '2:1');
          for (const x of ds.tokens.tokens) delete x.valuesByMode['2:1'];
        })
      ).get('Button')!;
      expect(p.bump).toBe('major');
      expect(p.reasons[0]).toBe('mode Dark removed from collection Semantic ([data-theme="dark"] disappears)');
    });

    it('a mode added is minor', async () => {
      const p = (
        await propose((ds) => {
          collection(ds, SEMANTIC).modes.push({ id: '2:2', name: 'Contrast' });
          for (const x of ds.tokens.tokens) if (x.collectionId === SEMANTIC) x.valuesByMode['2:2'] = literal('#000000');
        })
      ).get('Button')!;
      expect(p.bump).toBe('minor');
      expect(p.reasons).toContain('mode Contrast added to collection Semantic');
      expect(p.files.find((f) => f.path === 'tokens.css')?.status).toBe('modified');
    });

    it('the default mode changed is minor', async () => {
      const p = (
        await propose((ds) => {
          collection(ds, SEMANTIC).defaultModeId = '2:1';
        })
      ).get('Button')!;
      expect(p.bump).toBe('minor');
      expect(p.reasons).toEqual(['default mode of collection Semantic changed Light → Dark']);
    });

    it('a collection renamed is a patch (no name in code changes)', async () => {
      const p = (
        await propose((ds) => {
          collection(ds, SEMANTIC).name = 'Roles';
        })
      ).get('Button')!;
      expect(p.bump).toBe('patch');
      expect(p.reasons).toEqual(['collection Semantic renamed to Roles']);
    });

    it('generated files that differ with no rule matching are at least a patch: "generated output changed"', async () => {
      const proposals = await propose((ds) => {
        token(ds, RADIUS).codeSyntax = { web: 'var(--radius-medium)' };
      });
      const p = proposals.get('Button')!;
      expect(p.bump).toBe('patch');
      expect(p.reasons).toEqual(['generated output changed']);
      expect(p.files.map((f) => f.path)).toEqual(['Button.module.css', 'tokens.css']);
      expect(proposals.has('Badge')).toBe(false);
    });

    it('inputs that change nothing generated propose nothing', async () => {
      const proposals = await propose((ds) => {
        token(ds, SPACE_200).scopes = ['GAP', 'WIDTH_HEIGHT'];
      });
      expect([...proposals.keys()]).toEqual([]);
    });
  });
});
