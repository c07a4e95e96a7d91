import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { createFakeFigma, figmaFactsDesign } from '../../fakes/figma/index.js';
import { restFileFromDesign, restVariablesFromSeed } from '../../fakes/figma-rest/index.js';
import { dbKinds } from '../../helpers/databases.js';
import { settled, startAutomation, track, versionsOf, type Automation } from './support.js';

// A file whose component is bound to a local alias of a library variable, polled over REST:
// /variables/local lists the library variable (remote: true), and the poll must sync it.
describe.each(dbKinds)('a poll of a file that uses library variables, on %s', (kind) => {
  let a: Automation;
  const KEY = 'LibraryVarsFile1';

  beforeAll(async () => {
    a = await startAutomation(kind);
  });
  afterAll(async () => a?.close());

  it('syncs: the component gets its first draft, the library variable is among the tokens, nothing dangles', async () => {
    const seed = figmaFactsDesign();
    const restore = createFakeFigma(seed, { fileKey: KEY }).install();
    let design;
    try {
      design = (await extractFile(KEY, () => undefined)).request;
    } finally {
      restore();
    }
    const rest = restFileFromDesign({ tokens: design.tokens, components: design.components });
    a.figma.setFile(KEY, { name: 'Figma facts', version: '41', ...rest, variables: restVariablesFromSeed(seed) });

    const { id } = await track(a, KEY);
    await settled(a);

    const file = await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } });
    expect(file.lastError ?? null).toBeNull();
    expect(file.lastFileVersion).toBe('41');
    expect(await versionsOf(a, 'Badge')).toEqual([{ version: '1.0.0', status: 'draft', trigger: 'schedule' }]);
    // The draft's CSS reaches the library color through the local alias.
    const badge = await a.t.db.prisma.component.findFirstOrThrow({
      where: { projectId: a.t.projectId, name: 'Badge' },
    });
    const draft = await a.t.db.prisma.componentVersion.findFirstOrThrow({ where: { componentId: badge.id } });
    const css = await a.t.api('GET', `/api/v1/versions/${draft.id}/download?file=tokens.css`);
    expect(css.statusCode, css.body).toBe(200);
    expect(css.body).toContain('--fg-brand: var(--palette-carrot-700);');
    expect(css.body).toContain('--palette-carrot-700: #e14d00;');
  });
});
