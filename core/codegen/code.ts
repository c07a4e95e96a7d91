/**
 * Small helpers every template uses, so all generated files share one layout: lines joined
 * with "\n", two-space indents, exactly one final newline.
 */

export function renderFile(lines: readonly string[]): string {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return `${trimmed.join('\n')}\n`;
}

export function indent(lines: readonly string[], depth = 1): string[] {
  const pad = '  '.repeat(depth);
  return lines.map((l) => (l === '' ? '' : pad + l));
}

/** Designer text inside a /* *\/ comment or a // line: no way to close the comment early. */
export function commentText(text: string): string {
  return text
    .replace(/\*\//g, '*\\/')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim();
}

/** A single-quoted TypeScript string literal. */
export function tsString(text: string): string {
  const escaped = text.replace(/[\\'\n\r\t\u2028\u2029\0-\x1f\x7f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `'${escaped}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object-literal key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // A literal "__proto__" key would set the prototype instead of adding a property.
  if (key === '__proto__') return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

export function jsDoc(text: readonly string[]): string[] {
  const body = text.map(commentText).filter((l) => l !== '');
  if (body.length === 0) return [];
  if (body.length === 1) return [`/** ${body[0]} */`];
  return ['/**', ...body.map((l) => ` * ${l}`), ' */'];
}
