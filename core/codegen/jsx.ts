/** A tiny JSX tree and its printer, so patterns describe markup instead of concatenating it. */
import { indent } from './code.js';

export interface JsxElement {
  readonly tag: string;
  /** printed as written: `className={classes}`, `{...rest}`, `type="button"` */
  readonly attrs: readonly string[];
  readonly children: readonly JsxChild[];
}

export type JsxChild =
  | JsxElement
  | { readonly expr: string }
  | { readonly when: string; readonly then: JsxElement }
  /** `{icon ?? <Default />}`: a ReactNode prop, else the design's own content */
  | { readonly orElse: string; readonly then: JsxElement };

export const el = (tag: string, attrs: readonly string[], children: readonly JsxChild[] = []): JsxElement => ({
  tag,
  attrs,
  children,
});
export const expr = (code: string): JsxChild => ({ expr: code });
export const when = (condition: string, then: JsxElement): JsxChild => ({ when: condition, then });
export const orElse = (value: string, then: JsxElement): JsxChild => ({ orElse: value, then });
/** A fragment: printed as `<>…</>`. */
export const fragment = (children: readonly JsxChild[]): JsxElement => ({ tag: '', attrs: [], children });

const MAX_LINE = 100;

function oneLine(node: JsxElement): string | undefined {
  if (node.tag === '') return undefined;
  if (node.attrs.length > 2 || node.children.length > 1) return undefined;
  const open = [node.tag, ...node.attrs].join(' ');
  const child = node.children[0];
  let text: string;
  if (child === undefined) text = `<${open} />`;
  else if ('expr' in child) text = `<${open}>{${child.expr}}</${node.tag}>`;
  else return undefined;
  return text.length <= MAX_LINE ? text : undefined;
}

export function renderJsx(node: JsxElement): string[] {
  const single = oneLine(node);
  if (single !== undefined) return [single];
  const selfClosing = node.children.length === 0;
  const open =
    node.attrs.length <= 2
      ? [`<${[node.tag, ...node.attrs].join(' ')}${selfClosing ? ' />' : '>'}`]
      : [`<${node.tag}`, ...indent([...node.attrs]), selfClosing ? '/>' : '>'];
  if (node.tag === '') return ['<>', ...indent(node.children.flatMap(renderChild)), '</>'];
  if (selfClosing) return open;
  return [...open, ...indent(node.children.flatMap(renderChild)), `</${node.tag}>`];
}

function renderChild(child: JsxChild): string[] {
  if ('expr' in child) return [`{${child.expr}}`];
  if ('orElse' in child) {
    const body = renderJsx(child.then);
    if (body.length === 1) return [`{${child.orElse} ?? ${body[0]}}`];
    return [`{${child.orElse} ?? (`, ...indent(body), ')}'];
  }
  if ('when' in child) {
    const body = renderJsx(child.then);
    if (body.length === 1) return [`{${child.when} ? ${body[0]} : null}`];
    return [`{${child.when} ? (`, ...indent(body), ') : null}'];
  }
  return renderJsx(child);
}
