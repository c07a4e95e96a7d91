/**
 * Name.test.tsx: a starting test that renders every variant. It uses vitest and
 * react-dom/server only, so a project needs no testing library to run it.
 */
import type { GeneratedFile } from '../contract/api.js';
import { indent, propertyKey, renderFile, tsString } from './code.js';
import type { ComponentModel } from './component-model.js';
import { generatedHeader } from './tsx.js';
import type { ComponentView } from './types.js';

export function testPath(model: ComponentModel): string {
  return `${model.name}.test.tsx`;
}

export function generateTestScaffold(
  model: ComponentModel,
  view: ComponentView,
  pattern: { id: string; version: string },
): GeneratedFile {
  const rows = model.variants.map((variant) => {
    const props = model.variantProps.map((p, j) => `${propertyKey(p.ident)}: ${tsString(variant.values[j] ?? '')}`);
    return `{ name: ${tsString(variant.label || variant.storyName)}, props: { ${props.join(', ')} } },`;
  });
  if (rows.length === 0) rows.push("{ name: 'default', props: {} },");
  const checks = view.markupChecks.map((source) => `expect(html).toMatch(/${source.replace(/\//g, '\\/')}/);`);
  const lines = [
    ...generatedHeader(model, pattern),
    "import { renderToStaticMarkup } from 'react-dom/server';",
    "import { describe, expect, it } from 'vitest';",
    `import { ${model.name} } from './${model.name}';`,
    `import type { ${model.propsType} } from './${model.name}';`,
    '',
    `const variants: { name: string; props: ${model.propsType} }[] = [`,
    ...indent(rows),
    '];',
    '',
    `describe(${tsString(model.name)}, () => {`,
    ...indent([
      'for (const { name, props } of variants) {',
      ...indent([
        'it(`renders ${name}`, () => {',
        ...indent([`const html = renderToStaticMarkup(<${model.name} {...props} />);`, ...checks]),
        '});',
      ]),
      '}',
    ]),
    '});',
  ];
  return { path: testPath(model), content: renderFile(lines) };
}
