/**
 * Name.stories.tsx: Storybook CSF3, one story per variant. Storybook is not a dependency of
 * the generated code, so the file declares the two CSF shapes it uses instead of importing
 * them; it compiles with React's types alone and Storybook reads it as any CSF file.
 */
import type { GeneratedFile } from '../contract/api.js';
import { indent, propertyKey, renderFile, tsString } from './code.js';
import type { ComponentModel, PropModel } from './component-model.js';
import { defaultLiteral, generatedHeader } from './tsx.js';

export function storiesPath(model: ComponentModel): string {
  return `${model.name}.stories.tsx`;
}

function objectLines(entries: readonly [string, string][]): string[] {
  if (entries.length === 0) return ['{}'];
  const single = `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(', ')} }`;
  if (single.length <= 80) return [single];
  return ['{', ...indent(entries.map(([k, v]) => `${propertyKey(k)}: ${v},`)), '}'];
}

/** `key: value` as the last member of an object literal being printed line by line. */
function member(key: string, value: string[]): string[] {
  const [first, ...rest] = value;
  return rest.length === 0
    ? [`${key}: ${first},`]
    : [`${key}: ${first}`, ...rest.slice(0, -1), `${rest[rest.length - 1]},`];
}

export function defaultArgs(model: ComponentModel): [string, string][] {
  return model.props.flatMap((p: PropModel): [string, string][] => {
    const literal = defaultLiteral(p);
    return literal === undefined ? [] : [[p.ident, literal]];
  });
}

export function generateStories(model: ComponentModel, pattern: { id: string; version: string }): GeneratedFile {
  const lines = [
    ...generatedHeader(model, pattern),
    "import type { ReactNode } from 'react';",
    `import { ${model.name} } from './${model.name}';`,
    `import type { ${model.propsType} } from './${model.name}';`,
    '',
    '// The CSF3 shapes used below (Storybook itself is not a dependency of generated code).',
    'interface Meta<TProps> {',
    '  title: string;',
    '  component: (props: TProps) => ReactNode;',
    '  args?: Partial<TProps>;',
    '  tags?: string[];',
    '}',
    'interface StoryObj<TProps> {',
    '  name?: string;',
    '  args?: Partial<TProps>;',
    '}',
    '',
    'const meta = {',
    ...indent([
      `title: ${tsString(`Design System/${model.name}`)},`,
      `component: ${model.name},`,
      ...member('args', objectLines(defaultArgs(model))),
      "tags: ['autodocs'],",
    ]),
    `} satisfies Meta<${model.propsType}>;`,
    '',
    'export default meta;',
    '',
    `type Story = StoryObj<${model.propsType}>;`,
  ];
  const variants = model.variants.length > 0 ? model.variants : [];
  if (variants.length === 0) lines.push('', 'export const Default: Story = {};');
  for (const variant of variants) {
    const args = model.variantProps.map((p, j): [string, string] => [p.ident, tsString(variant.values[j] ?? '')]);
    lines.push(
      '',
      `export const ${variant.storyName}: Story = {`,
      ...indent([`name: ${tsString(variant.label || variant.storyName)},`, ...member('args', objectLines(args))]),
      '};',
    );
  }
  return { path: storiesPath(model), content: renderFile(lines) };
}
