/** Any component set: a <div> showing its content props in spec order, then children. */
import { el, expr } from '../jsx.js';
import { Analysis, Kit } from './kit.js';
import { definePattern } from './define.js';

export const genericPattern = definePattern({
  id: 'generic',
  version: '1.1.0',
  description: 'Any component set: a <div> with one element per text, instance-swap and slot prop.',
  plan(spec) {
    const analysis = new Analysis(spec);
    return {
      parts: analysis.contentParts(),
      reservedIdents: [],
      css: { rules: [{ selector: '.root', decls: [{ property: 'box-sizing', value: 'border-box' }] }] },
      render(model, layered) {
        const kit = new Kit(model, analysis);
        return {
          attributes: { type: 'HTMLAttributes', element: 'HTMLDivElement' },
          hooks: [],
          synthetic: [],
          nativeBindings: [],
          statements: [],
          jsx: el(
            'div',
            ['{...rest}', 'className={classes}', ...kit.dataAttributes()],
            layered ? layered.children({ inline: false }) : [...kit.leftovers(), expr('children')],
          ),
          markupChecks: ['^<div'],
        };
      },
    };
  },
});
