/**
 * Syntax highlighting for the diff viewer: highlight.js core with exactly two grammars, so the
 * plugin bundle stays small. Output is HTML strings, one per line, each safe to inject:
 * every character of the source is escaped (by highlight.js, or by `escapeHtml` for plain
 * files) and the only tags are highlight.js's `<span class="hljs-…">` and our `<mark>`.
 *
 * Multi-line tokens (block comments, template strings): the whole file is highlighted in one
 * pass, so the grammar sees the real context, and the HTML is then cut at each newline; spans
 * open at a cut are closed at the end of that line and reopened at the start of the next, so
 * every line is balanced HTML on its own and keeps the colour of the token it is inside.
 */
import hljs from 'highlight.js/lib/core';
import css from 'highlight.js/lib/languages/css';
import typescript from 'highlight.js/lib/languages/typescript';

hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('css', css);

export type Language = 'typescript' | 'css';

/** Files larger than this are shown plain: highlighting them would stall the plugin window. */
export const MAX_HIGHLIGHT_CHARS = 200_000;

export function languageOf(path: string): Language | null {
  if (/\.[cm]?tsx?$/i.test(path)) return 'typescript';
  if (/\.css$/i.test(path)) return 'css';
  return null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** One HTML string per input line, each with balanced tags. */
export function highlightLines(lines: readonly string[], language: Language | null): string[] {
  if (lines.length === 0) return [];
  const text = lines.join('\n');
  if (language === null || text.length > MAX_HIGHLIGHT_CHARS) return lines.map(escapeHtml);
  const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  const out = splitHtmlLines(html);
  // Cannot happen with highlight.js's output (it never drops or adds a newline), but a
  // mismatch would shift every line's colours onto its neighbour: fall back to plain.
  return out.length === lines.length ? out : lines.map(escapeHtml);
}

const TAG_OR_NEWLINE = /<span\b[^>]*>|<\/span>|\n/g;

/**
 * Cuts highlighted HTML at each `\n`, closing the spans still open at the end of a line and
 * reopening them, in order, at the start of the next.
 */
export function splitHtmlLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  let last = 0;
  for (const m of html.matchAll(TAG_OR_NEWLINE)) {
    line += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (m[0] === '</span>') {
      open.pop();
      line += m[0];
    } else {
      open.push(m[0]);
      line += m[0];
    }
  }
  lines.push(line + html.slice(last) + '</span>'.repeat(open.length));
  return lines;
}

const TOKEN = /<[^>]*>|&[^;]*;|[^]/g;

/**
 * Wraps the characters `[start, end)` of a highlighted line's text in `<mark class=…>`. The
 * mark is closed before and reopened after every tag it would cross, so nesting stays valid.
 * Offsets count the decoded text (an entity is one character), as `changedRange` does.
 */
export function markRange(html: string, range: readonly [number, number], className: string): string {
  const [start, end] = range;
  if (end <= start) return html;
  const openTag = `<mark class="${escapeHtml(className)}">`;
  let out = '';
  let pos = 0;
  let marking = false;
  for (const [token] of html.matchAll(TOKEN)) {
    if (token.length > 1 && token[0] === '<') {
      if (marking) {
        out += '</mark>';
        marking = false;
      }
      out += token;
      continue;
    }
    const inside = pos >= start && pos < end;
    if (inside && !marking) out += openTag;
    else if (!inside && marking) out += '</mark>';
    marking = inside;
    out += token;
    pos++;
  }
  return marking ? out + '</mark>' : out;
}
