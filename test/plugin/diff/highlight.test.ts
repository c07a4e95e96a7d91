import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  highlightLines,
  languageOf,
  markRange,
  splitHtmlLines,
} from '../../../plugin/ui/diff/highlight.js';

/** Tags balanced and properly nested, and only the tags we allow. */
function assertBalanced(html: string): void {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)([^>]*)>/g)) {
    const [, closing, name] = m;
    expect(['span', 'mark'], html).toContain(name);
    if (closing) expect(stack.pop(), html).toBe(name);
    else stack.push(name!);
  }
  expect(stack, html).toEqual([]);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };
const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&[^;]+;/g, (e) => ENTITIES[e] ?? e);

const fixture = (side: string, name: string): string =>
  readFileSync(new URL(`./fixtures/${side}/${name}.txt`, import.meta.url), 'utf8');

describe('languageOf', () => {
  it('maps TypeScript and CSS (including CSS modules) and nothing else', () => {
    expect(
      ['a.ts', 'Button.tsx', 'x.mts', 'Button.module.css', 'tokens.css', 'README.md', 'a.js', 'tsx'].map(languageOf),
    ).toEqual(['typescript', 'typescript', 'typescript', 'css', 'css', null, null, null]);
  });
});

describe('highlightLines', () => {
  it('keeps a multi-line TS comment coloured on every line, each line balanced', () => {
    const src = ['/**', ' * Primary action <b>button</b>.', ' */', 'export const x = 1;'];
    const out = highlightLines(src, 'typescript');
    expect(out).toHaveLength(4);
    out.forEach(assertBalanced);
    expect(out[0]).toBe('<span class="hljs-comment">/**</span>');
    expect(out[1]).toMatch(/^<span class="hljs-comment"> \* Primary action &lt;b&gt;button&lt;\/b&gt;\.<\/span>$/);
    expect(out[2]).toBe('<span class="hljs-comment"> */</span>');
    expect(out[3]).not.toContain('hljs-comment');
    expect(out[3]).toContain('<span class="hljs-keyword">export</span>');
  });

  it('keeps a multi-line template string with a substitution nested and balanced', () => {
    const src = ['const s = `first', 'second ${name.toUpperCase()} </script>', 'third`;', 'let y = 2;'];
    const out = highlightLines(src, 'typescript');
    out.forEach(assertBalanced);
    expect(out.map(textOf)).toEqual(src);
    // Line 2 starts inside the string and contains the substitution span inside it.
    expect(out[1]).toMatch(/^<span class="hljs-string">second <span class="hljs-subst">\$\{/);
    expect(out[1]).toContain('&lt;/script&gt;');
    expect(out[2]).toMatch(/^<span class="hljs-string">third`<\/span>;$/);
    expect(out[3]).toContain('<span class="hljs-keyword">let</span>');
  });

  it('continues a CSS block comment across lines', () => {
    const out = highlightLines(['/*', ' * .root always', ' */', '.root {', '  color: red;', '}'], 'css');
    out.forEach(assertBalanced);
    expect(out.slice(0, 3).every((l) => l.startsWith('<span class="hljs-comment">'))).toBe(true);
    expect(out[3]).toContain('hljs-selector-class');
  });

  it('escapes HTML in the source, highlighted or plain', () => {
    const src = ['<script>alert("x")</script>', "a & b 'c'"];
    expect(highlightLines(src, null)).toEqual([
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
      'a &amp; b &#x27;c&#x27;',
    ]);
    for (const lang of ['typescript', 'css'] as const) {
      const out = highlightLines(src, lang).join('\n');
      expect(out).not.toMatch(/<script|<\/script/);
      expect(out).toContain('&lt;script&gt;');
    }
  });

  it('reproduces every line of the generated fixtures exactly, balanced', () => {
    for (const [side, name] of [
      ['after', 'Button.tsx'],
      ['after', 'Button.module.css'],
      ['before', 'Button.stories.tsx'],
    ] as const) {
      const src = fixture(side, name).replace(/\n$/, '').split('\n');
      const out = highlightLines(src, languageOf(name));
      expect(out).toHaveLength(src.length);
      out.forEach(assertBalanced);
      expect(out.map(textOf)).toEqual(src);
    }
  });

  it('gives balanced lines that reproduce the source for arbitrary code-like text', () => {
    const chars = fc.constantFrom(...'ab{}()`$/*\'"<>&;:.\n #-'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 80 }),
        fc.constantFrom('typescript', 'css') as fc.Arbitrary<'typescript' | 'css'>,
        (cs, lang) => {
          const src = cs.join('').split('\n');
          const out = highlightLines(src, lang);
          expect(out).toHaveLength(src.length);
          out.forEach(assertBalanced);
          expect(out.map(textOf)).toEqual(src);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns nothing for no lines', () => {
    expect(highlightLines([], 'typescript')).toEqual([]);
  });
});

describe('splitHtmlLines', () => {
  it('closes and reopens nested spans at each newline, in order', () => {
    expect(splitHtmlLines('<span class="a">x<span class="b">y\nz</span>\nw</span>v')).toEqual([
      '<span class="a">x<span class="b">y</span></span>',
      '<span class="a"><span class="b">z</span></span>',
      '<span class="a">w</span>v',
    ]);
  });
});

describe('markRange', () => {
  it('wraps a range, closing and reopening around tags it crosses', () => {
    expect(markRange('<span class="a">ab</span>cd', [1, 3], 'm')).toBe(
      '<span class="a">a<mark class="m">b</mark></span><mark class="m">c</mark>d',
    );
  });

  it('counts an entity as one character', () => {
    expect(markRange('a&lt;b&amp;c', [1, 4], 'm')).toBe('a<mark class="m">&lt;b&amp;</mark>c');
  });

  it('keeps highlighted output balanced and its text intact', () => {
    const [line] = highlightLines(["  'className' | 'tone' | 'label'"], 'typescript');
    const marked = markRange(line!, [16, 24], 'm');
    assertBalanced(marked);
    expect(textOf(marked)).toBe("  'className' | 'tone' | 'label'");
    expect(
      marked
        .match(/<mark class="m">([^<]*)<\/mark>/g)!
        .map(textOf)
        .join(''),
    ).toBe("'tone' |");
  });

  it('leaves the line alone for an empty range and escapes the class name', () => {
    expect(markRange('<span class="a">ab</span>', [1, 1], 'm')).toBe('<span class="a">ab</span>');
    expect(markRange('ab', [0, 1], '"x')).toBe('<mark class="&quot;x">a</mark>b');
  });

  it('escapeHtml covers the five significant characters', () => {
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#x27;');
  });
});
