/**
 * Checkboxes: a native <input type="checkbox"> inside its <label>. A design's checked state
 * makes the input controlled (read-only until the consumer passes `onChange`); an
 * indeterminate state sets the DOM `indeterminate` property, which has no HTML attribute,
 * after render, and `aria-checked="mixed"` so server-rendered markup says it too.
 */
import { el, expr } from '../jsx.js';
import { normalizeName } from '../names.js';
import { Analysis, fixedPart, Kit, labelRoles } from './kit.js';
import { hasLayers } from '../layers/tree.js';
import { definePattern } from './define.js';
import { CHECKED, DISABLED, INDETERMINATE } from './role-names.js';

const LABEL = ['label', 'text', 'title', 'content', 'labeltext'];
const BOX = ['checkbox', 'box', 'control', 'check', 'checkmark', 'indicator', 'input'];

export const checkboxPattern = definePattern({
  id: 'checkbox',
  version: '1.1.0',
  keywords: ['checkbox', 'checkmark'],
  priority: 1,
  description:
    'A native checkbox in a <label>, with checked, indeterminate (aria-checked="mixed") and disabled states.',
  plan(spec) {
    const analysis = new Analysis(spec);
    const layers = hasLayers(spec);
    const label = analysis.take(['text'], LABEL);
    const indeterminate = analysis.flag(INDETERMINATE);
    const checked = analysis.flag(CHECKED);
    const disabled = analysis.flag(DISABLED);
    // When the design draws the box (binds its fill or stroke), the native look must go or the
    // browser paints its own checkbox over the design's; it keeps a size until tokens set one.
    const drawn = spec.variants.some((v) =>
      Object.keys(v.bindings).some((slot) => {
        const [namespace, field] = slot.split('.');
        return field !== undefined && BOX.includes(normalizeName(namespace ?? '')) && /^(fill|stroke)/.test(field);
      }),
    );
    const inputDecls = [{ property: 'margin', value: '0' }];
    if (drawn) {
      inputDecls.push(
        { property: 'appearance', value: 'none' },
        { property: 'width', value: '1em' },
        { property: 'height', value: '1em' },
      );
    }
    return {
      parts: [fixedPart('input', 'box', BOX), fixedPart('label', 'text', LABEL), ...analysis.contentParts()],
      reservedIdents: [],
      css: {
        rules: [
          {
            selector: '.root',
            decls: [
              { property: 'display', value: 'inline-flex' },
              { property: 'box-sizing', value: 'border-box' },
              { property: 'align-items', value: 'center' },
              { property: 'cursor', value: 'pointer' },
            ],
          },
          // With a layer tree the design draws the box; the native input stays for keyboard,
          // forms and assistive technology, visually hidden over the label's first pixels.
          layers
            ? {
                selector: '.native',
                decls: [
                  { property: 'position', value: 'absolute' },
                  { property: 'width', value: '1px' },
                  { property: 'height', value: '1px' },
                  { property: 'margin', value: '0' },
                  { property: 'opacity', value: '0' },
                  { property: 'overflow', value: 'hidden' },
                ],
              }
            : { selector: '.input', decls: inputDecls },
        ],
      },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        const statements: string[] = [];
        const hooks: string[] = [];
        const attrs = ['{...rest}'];
        if (indeterminate) {
          hooks.push('useEffect', 'useRef');
          statements.push(
            `const isIndeterminate = ${kit.flagExpr(indeterminate)};`,
            'const inputRef = useRef<HTMLInputElement>(null);',
            'useEffect(() => {',
            '  if (inputRef.current) inputRef.current.indeterminate = isIndeterminate;',
            '}, [isIndeterminate]);',
          );
          attrs.push('ref={inputRef}');
        }
        attrs.push('type="checkbox"', `className={${layered ? "styles['native']" : kit.cls('input')}}`);
        if (checked) {
          attrs.push(`checked={${kit.flagExpr(checked)}}`);
          attrs.push(kit.native('onChange') ? 'readOnly={rest.onChange === undefined}' : 'readOnly');
        }
        if (disabled) attrs.push(kit.flagAttr('disabled', disabled));
        if (indeterminate) attrs.push("aria-checked={isIndeterminate ? 'mixed' : undefined}");

        const text = label === undefined ? 'children' : `children ?? ${kit.ident(label)}`;
        return {
          attributes: { type: 'InputHTMLAttributes', element: 'HTMLInputElement' },
          hooks,
          synthetic: [],
          nativeBindings: [],
          statements,
          jsx: el(
            'label',
            ['className={classes}', ...kit.dataAttributes()],
            layered
              ? [el('input', attrs), ...layered.children({ roles: labelRoles(label, text), inline: true })]
              : [el('input', attrs), el('span', [`className={${kit.cls('label')}}`], [expr(text)]), ...kit.leftovers()],
          ),
          markupChecks: ['^<label[^>]*><input[^>]* type="checkbox"'],
        };
      },
    };
  },
});
