/**
 * Text fields: a <label> tied to its <input> through an id from useId (or the consumer's
 * `id`), `aria-invalid` for an error state and `aria-describedby` pointing at the helper text
 * whenever it is shown. Native input props (`onChange`, `value`, `name`, …) go to the <input>;
 * `className` stays on the wrapper, which carries the variant classes.
 */
import { el, expr, type JsxChild } from '../jsx.js';
import { Analysis, contentPart, fixedPart, Kit } from './kit.js';
import { hasLayers } from '../layers/tree.js';
import type { LayerRole } from '../layers/component.js';
import { definePattern } from './define.js';
import { normalizeName } from '../names.js';
import { tsString } from '../code.js';
import { DISABLED, ERROR, LEADING, READONLY, REQUIRED, TRAILING } from './role-names.js';

const LABEL = ['label', 'fieldlabel', 'labeltext', 'title', 'name'];
const PLACEHOLDER = ['placeholder', 'placeholdertext'];
const VALUE = ['value', 'text', 'inputtext', 'input', 'valuetext', 'content'];
const HELPER = [
  'helpertext',
  'helper',
  'hint',
  'hinttext',
  'description',
  'supportingtext',
  'caption',
  'message',
  'errormessage',
  'errortext',
  'assistivetext',
  'helpermessage',
];
const FIELD = ['field', 'inputfield', 'container', 'box', 'textfield', 'wrapper', 'inputcontainer', 'frame', 'control'];

export const inputPattern = definePattern({
  id: 'input',
  version: '1.1.0',
  keywords: ['input', 'textfield', 'textinput', 'textbox', 'textarea', 'field', 'searchfield', 'inputfield'],
  description: 'A text field: <label> + <input> linked by useId, aria-invalid, aria-describedby for helper text.',
  plan(spec) {
    const analysis = new Analysis(spec);
    const layers = hasLayers(spec);
    const label = analysis.take(['text'], LABEL);
    const placeholder = analysis.take(['text'], PLACEHOLDER);
    const value = analysis.take(['text'], VALUE);
    const helper = analysis.take(['text', 'slot', 'instanceSwap'], HELPER);
    const error = analysis.flag(ERROR);
    const disabled = analysis.flag(DISABLED);
    const required = analysis.flag(REQUIRED);
    const readOnly = analysis.flag(READONLY);
    const trailing = analysis.takeAll(['instanceSwap', 'slot'], (n) => TRAILING.test(n));
    const leading = analysis.takeAll(['instanceSwap', 'slot'], (n) => LEADING.test(n));
    return {
      parts: [
        fixedPart('label', 'text', LABEL),
        fixedPart('field', 'box', FIELD),
        fixedPart('input', 'text', [...VALUE, ...PLACEHOLDER]),
        fixedPart('helper', 'text', HELPER),
        ...[...leading, ...trailing].map((i) => contentPart(spec, i)),
        ...analysis.contentParts(),
      ],
      reservedIdents: [],
      css: {
        // With a layer tree the design's layers are the field and the input.
        rules: layers
          ? [
              { selector: '.root', decls: [{ property: 'box-sizing', value: 'border-box' }] },
              // The label the pattern adds when no layer is one: empty, it is no flex item of the design's.
              ...(label === undefined
                ? [{ selector: '.root > label:empty', decls: [{ property: 'display', value: 'none' }] }]
                : []),
            ]
          : [
              {
                selector: '.root',
                decls: [
                  { property: 'display', value: 'inline-flex' },
                  { property: 'box-sizing', value: 'border-box' },
                  { property: 'flex-direction', value: 'column' },
                ],
              },
              {
                selector: '.field',
                decls: [
                  { property: 'display', value: 'flex' },
                  { property: 'align-items', value: 'center' },
                ],
              },
              {
                selector: '.input',
                decls: [
                  { property: 'all', value: 'unset' },
                  { property: 'min-width', value: '0' },
                  { property: 'font', value: 'inherit' },
                  { property: 'color', value: 'inherit' },
                ],
              },
            ],
      },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        const statements = ['const autoId = useId();', 'const inputId = id ?? autoId;'];
        let helperShown: string | undefined;
        if (helper !== undefined) {
          statements.push('const helperId = `${inputId}-helper`;');
          helperShown = kit.shown(helper, kit.isNode(helper) ? `${kit.ident(helper)} != null` : kit.ident(helper));
        }

        const inputAttrs: string[] = [];
        if (value !== undefined) {
          const ident = kit.ident(value);
          inputAttrs.push(
            kit.native('value')
              ? `defaultValue={rest.value === undefined ? ${ident} : undefined}`
              : `defaultValue={${ident}}`,
          );
        }
        if (placeholder !== undefined) inputAttrs.push(`placeholder={${kit.ident(placeholder)}}`);
        inputAttrs.push('{...rest}', 'id={inputId}');
        if (!layered) inputAttrs.push(`className={${kit.cls('input')}}`);
        if (disabled) inputAttrs.push(kit.flagAttr('disabled', disabled));
        if (required) inputAttrs.push(kit.flagAttr('required', required));
        if (readOnly) inputAttrs.push(kit.flagAttr('readOnly', readOnly));
        if (error) inputAttrs.push(`aria-invalid={${kit.flagExpr(error)} || undefined}`);
        if (helperShown !== undefined) inputAttrs.push(`aria-describedby={${helperShown} ? helperId : undefined}`);

        const labelText = label === undefined ? 'children' : `children ?? ${kit.ident(label)}`;
        if (layered) {
          const roles = new Map<number, LayerRole>();
          if (label !== undefined) roles.set(label, { tag: 'label', attrs: ['htmlFor={inputId}'], content: labelText });
          const field = value ?? placeholder;
          if (field !== undefined) roles.set(field, { tag: 'input', void: true, attrs: inputAttrs });
          if (helper !== undefined) roles.set(helper, { tag: 'p', attrs: ['id={helperId}'] });
          // No prop is wired to the field's text: the layer named as one (a "Value" or "Placeholder"
          // text) is the input, showing the design's text as its placeholder.
          const unwiredText =
            field === undefined
              ? (name: string, characters: string): LayerRole | undefined =>
                  [...VALUE, ...PLACEHOLDER].includes(normalizeName(name))
                    ? { tag: 'input', void: true, attrs: [`placeholder={${tsString(characters)}}`, ...inputAttrs] }
                    : undefined
              : undefined;
          const body = layered.children({ roles, inline: false, unwiredText });
          // The field is an input whatever the design draws: one no layer shows still renders.
          const shown = field === undefined ? layered.placedUnwired() : layered.placed(field);
          if (!shown) body.push(el('input', inputAttrs));
          if (label === undefined) {
            const rest = body.filter((c) => !('expr' in c && c.expr === 'children'));
            body.splice(0, body.length, el('label', ['htmlFor={inputId}'], [expr(labelText)]), ...rest);
          }
          return {
            attributes: { type: 'InputHTMLAttributes', element: 'HTMLInputElement' },
            hooks: ['useId'],
            synthetic: [],
            nativeBindings: ['id'],
            statements,
            jsx: el('div', ['className={classes}', ...kit.dataAttributes()], body),
            markupChecks: ['<label[^>]* for="([^"]+)"[^>]*>[\\s\\S]*<input[^>]* id="\\1"'],
          };
        }
        const children: JsxChild[] = [
          el('label', [`className={${kit.cls('label')}}`, 'htmlFor={inputId}'], [expr(labelText)]),
          el(
            'div',
            [`className={${kit.cls('field')}}`],
            [...leading.map((i) => kit.content(i)), el('input', inputAttrs), ...trailing.map((i) => kit.content(i))],
          ),
        ];
        if (helper !== undefined && helperShown !== undefined) {
          children.push({
            when: helperShown,
            then: el('p', ['id={helperId}', `className={${kit.cls('helper')}}`], [expr(kit.ident(helper))]),
          });
        }
        children.push(...kit.leftovers());
        return {
          attributes: { type: 'InputHTMLAttributes', element: 'HTMLInputElement' },
          hooks: ['useId'],
          synthetic: [],
          nativeBindings: ['id'],
          statements,
          jsx: el('div', ['className={classes}', ...kit.dataAttributes()], children),
          markupChecks: ['<label[^>]* for="([^"]+)"[^>]*>[\\s\\S]*<input[^>]* id="\\1"'],
        };
      },
    };
  },
});
