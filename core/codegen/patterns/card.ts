/**
 * Cards: an <article> named by its heading (aria-labelledby), the heading at a level the
 * consumer chooses (`headingLevel`, default 3: cards usually sit under a page's h2). Media
 * come first, then heading, description, children and actions.
 */
import { el, expr, when, type JsxChild } from '../jsx.js';
import type { LayerRole } from '../layers/component.js';
import { Analysis, contentPart, fixedPart, Kit } from './kit.js';
import { definePattern } from './define.js';
import type { ComponentView, SyntheticProp } from '../types.js';

const TITLE = ['title', 'heading', 'header', 'headline', 'cardtitle', 'name', 'titletext'];
const DESCRIPTION = [
  'description',
  'body',
  'bodytext',
  'subtitle',
  'text',
  'supportingtext',
  'subhead',
  'subheading',
  'content',
];
const MEDIA = /(image|media|thumbnail|cover|picture|illustration|avatar|hero|photo)/;
const ACTIONS = /(action|footer|button|cta|link)/;

export const cardPattern = definePattern({
  id: 'card',
  version: '1.1.0',
  keywords: ['card'],
  description:
    'An <article> labelled by its heading (configurable level), with media, description, content and actions.',
  plan(spec) {
    const analysis = new Analysis(spec);
    const title = analysis.take(['text', 'slot', 'instanceSwap'], TITLE);
    const description = analysis.take(['text'], DESCRIPTION);
    const media = analysis.takeAll(['instanceSwap', 'slot'], (n) => MEDIA.test(n));
    const actions = analysis.takeAll(['instanceSwap', 'slot'], (n) => ACTIONS.test(n));
    const synthetic: SyntheticProp[] = [];
    if (title === undefined)
      synthetic.push({
        ident: 'heading',
        type: 'ReactNode',
        doc: "The card's heading; the design has no title text for it.",
      });
    synthetic.push({
      ident: 'headingLevel',
      type: '2 | 3 | 4 | 5 | 6',
      doc: 'Heading level that fits the page outline.',
      defaultValue: '3',
    });
    return {
      parts: [
        fixedPart('heading', 'text', TITLE),
        fixedPart(
          'description',
          'text',
          DESCRIPTION.filter((d) => d !== 'content'),
        ),
        fixedPart('content', 'box', ['main', 'slot']),
        ...[...media, ...actions].map((i) => contentPart(spec, i)),
        ...analysis.contentParts(),
      ],
      reservedIdents: synthetic.map((s) => s.ident),
      css: {
        rules: [
          {
            selector: '.root',
            decls: [
              { property: 'display', value: 'flex' },
              { property: 'box-sizing', value: 'border-box' },
              { property: 'flex-direction', value: 'column' },
            ],
          },
        ],
      },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        const titleExpr = title === undefined ? 'heading' : kit.ident(title);
        const titleShown =
          title === undefined
            ? 'heading != null'
            : (kit.shown(title, kit.isNode(title) ? `${titleExpr} != null` : titleExpr) ?? titleExpr);
        const view = (children: JsxChild[]): ComponentView => ({
          attributes: { type: 'HTMLAttributes', element: 'HTMLElement' },
          hooks: ['useId'],
          synthetic,
          nativeBindings: [],
          statements: ['const headingId = useId();', 'const HeadingTag = `h${headingLevel}` as const;'],
          jsx: el(
            'article',
            [
              '{...rest}',
              'className={classes}',
              `aria-labelledby={${titleShown} ? headingId : undefined}`,
              ...kit.dataAttributes(),
            ],
            children,
          ),
          markupChecks: ['^<article'],
        });
        if (layered) {
          const roles = new Map<number, LayerRole>();
          if (title !== undefined)
            roles.set(title, { tag: 'HeadingTag', attrs: ['id={headingId}'], content: titleExpr });
          if (description !== undefined) roles.set(description, { tag: 'p' });
          const body = layered.children({ roles, inline: false });
          // A heading the design has no layer for still names the card.
          if (title === undefined)
            body.unshift(when(titleShown, el('HeadingTag', ['id={headingId}'], [expr(titleExpr)])));
          return view(body);
        }
        const children: JsxChild[] = [
          ...media.map((i) => kit.content(i, undefined, 'div')),
          {
            when: titleShown,
            then: el('HeadingTag', ['id={headingId}', `className={${kit.cls('heading')}}`], [expr(titleExpr)]),
          },
        ];
        if (description !== undefined) children.push(kit.content(description, 'description', 'p'));
        children.push(el('div', [`className={${kit.cls('content')}}`], [expr('children')]));
        children.push(...kit.leftovers(), ...actions.map((i) => kit.content(i, undefined, 'div')));
        return view(children);
      },
    };
  },
});
