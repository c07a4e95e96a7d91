/**
 * Buttons (and chips, which most systems make interactive): a native <button type="button">,
 * so keyboard and form behaviour come for free. A design's disabled, pressed or loading state
 * becomes `disabled`, `aria-pressed` (a toggle button) and `aria-busy`.
 */
import { el, expr, type JsxChild } from '../jsx.js';
import { Analysis, contentPart, fixedPart, Kit, labelRoles } from './kit.js';
import { definePattern } from './define.js';
import { DISABLED, LEADING, LOADING, PRESSED, TRAILING } from './role-names.js';

const LABEL = ['label', 'text', 'buttonlabel', 'buttontext', 'labeltext', 'title', 'content', 'value', 'caption'];

export const buttonPattern = definePattern({
  id: 'button',
  version: '1.1.0',
  keywords: ['button', 'btn', 'iconbutton', 'chip', 'cta'],
  description: 'A native <button type="button"> with label, icons, disabled, aria-pressed and aria-busy.',
  plan(spec) {
    const analysis = new Analysis(spec);
    const label = analysis.take(['text'], LABEL);
    const disabled = analysis.flag(DISABLED);
    const pressed = analysis.flag(PRESSED);
    const loading = analysis.flag(LOADING);
    const trailing = analysis.takeAll(['instanceSwap', 'slot'], (n) => TRAILING.test(n));
    const leading = analysis.takeAll(['instanceSwap', 'slot'], (n) => LEADING.test(n));
    return {
      parts: [
        fixedPart('label', 'text', LABEL),
        ...[...leading, ...trailing].map((i) => contentPart(spec, i)),
        ...analysis.contentParts(),
      ],
      reservedIdents: [],
      css: {
        rules: [
          {
            selector: '.root',
            decls: [
              { property: 'display', value: 'inline-flex' },
              { property: 'box-sizing', value: 'border-box' },
              { property: 'align-items', value: 'center' },
              { property: 'justify-content', value: 'center' },
              { property: 'border', value: '0' },
              { property: 'background', value: 'none' },
              { property: 'font', value: 'inherit' },
              { property: 'color', value: 'inherit' },
              { property: 'cursor', value: 'pointer' },
            ],
          },
          { selector: '.root:disabled', decls: [{ property: 'cursor', value: 'not-allowed' }] },
        ],
      },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        const text = label === undefined ? 'children' : `children ?? ${kit.ident(label)}`;
        const labelElement = el('span', [`className={${kit.cls('label')}}`], [expr(text)]);
        const labelShown = label === undefined ? undefined : kit.shown(label);
        const labelChild: JsxChild = labelShown === undefined ? labelElement : { when: labelShown, then: labelElement };
        const attrs = ['type="button"', '{...rest}', 'className={classes}'];
        if (disabled) attrs.push(kit.flagAttr('disabled', disabled));
        if (pressed) attrs.push(`aria-pressed={${kit.flagExpr(pressed)}}`);
        if (loading) attrs.push(`aria-busy={${kit.flagExpr(loading)} || undefined}`);
        attrs.push(...kit.dataAttributes());
        return {
          attributes: { type: 'ButtonHTMLAttributes', element: 'HTMLButtonElement' },
          hooks: [],
          synthetic: [],
          nativeBindings: [],
          statements: [],
          jsx: el(
            'button',
            attrs,
            layered
              ? layered.children({ roles: labelRoles(label, text), inline: true })
              : [
                  ...leading.map((i) => kit.content(i)),
                  labelChild,
                  ...trailing.map((i) => kit.content(i)),
                  ...kit.leftovers(),
                ],
          ),
          markupChecks: ['^<button type="button"'],
        };
      },
    };
  },
});
