/**
 * Badges, tags, pills: a <span>. It gets role="status" only when it reports something that
 * changes and should be announced (a count, a status, a notification); a static label with a
 * live-region role would make screen readers announce decoration.
 */
import type { ComponentSpec } from '../../contract/specs.js';
import { el, expr, type JsxChild } from '../jsx.js';
import { normalizeName } from '../names.js';
import { Analysis, contentPart, fixedPart, Kit, labelRoles } from './kit.js';
import { definePattern } from './define.js';
import { LEADING, TRAILING } from './role-names.js';

const LABEL = ['label', 'text', 'content', 'value', 'count', 'number', 'title', 'badgetext', 'badgelabel', 'counter'];
const LIVE = /(status|notification|count|counter|unread|alert)/;

/** Whether the badge reports live state, judged by the component's name and its label prop. */
export function isLiveBadge(spec: ComponentSpec, labelIndex: number | undefined): boolean {
  const labelName = labelIndex === undefined ? '' : normalizeName(spec.props[labelIndex]?.name ?? '');
  return LIVE.test(normalizeName(spec.name)) || ['count', 'number', 'counter'].includes(labelName);
}

export const badgePattern = definePattern({
  id: 'badge',
  version: '1.1.0',
  keywords: ['badge', 'tag', 'pill', 'lozenge'],
  description: 'A <span> badge/tag; role="status" only for live counts and statuses.',
  plan(spec) {
    const analysis = new Analysis(spec);
    const label = analysis.take(['text'], LABEL);
    const trailing = analysis.takeAll(['instanceSwap', 'slot'], (n) => TRAILING.test(n));
    const leading = analysis.takeAll(['instanceSwap', 'slot'], (n) => LEADING.test(n));
    const live = isLiveBadge(spec, label);
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
            ],
          },
        ],
      },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        const text = label === undefined ? 'children' : `children ?? ${kit.ident(label)}`;
        const labelElement = el('span', [`className={${kit.cls('label')}}`], [expr(text)]);
        const shown = label === undefined ? undefined : kit.shown(label);
        const labelChild: JsxChild = shown === undefined ? labelElement : { when: shown, then: labelElement };
        return {
          attributes: { type: 'HTMLAttributes', element: 'HTMLSpanElement' },
          hooks: [],
          synthetic: [],
          nativeBindings: [],
          statements: [],
          jsx: el(
            'span',
            [...(live ? ['role="status"'] : []), '{...rest}', 'className={classes}', ...kit.dataAttributes()],
            layered
              ? layered.children({ roles: labelRoles(label, text), inline: true })
              : [
                  ...leading.map((i) => kit.content(i)),
                  labelChild,
                  ...trailing.map((i) => kit.content(i)),
                  ...kit.leftovers(),
                ],
          ),
          markupChecks: [live ? '^<span role="status"' : '^<span(?![^>]*role=)'],
        };
      },
    };
  },
});
