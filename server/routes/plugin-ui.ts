import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Two levels up from both server/routes/*.ts and the dist/server bundle is the project root.
const uiFile = fileURLToPath(new URL('../../dist/plugin/ui.html', import.meta.url));

interface Page {
  html: string;
  csp: string;
}

/** `'sha256-…'` of every inline element of one kind (`script`, `style`), as CSP names them. */
function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const inline = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(inline)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
}

/**
 * The page and its Content-Security-Policy. Figma needs the UI as one file with its script and
 * styles inline; served here, the policy names exactly those by their sha256, so no other
 * inline script (an injected one) runs.
 */
function page(html: string): Page {
  const csp = [
    "default-src 'none'",
    `script-src ${inlineHashes(html, 'script').join(' ') || "'none'"}`,
    `style-src ${inlineHashes(html, 'style').join(' ') || "'none'"}`,
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'self'",
    // The preview shell (below) only: previews render in sandboxed frames of it.
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

/**
 * A frame for a version's preview in /app. A frame written from the page itself (srcdoc, blob:)
 * would inherit /app's policy, which runs no script but the UI's own; this one is a page of its
 * own with the preview page's policy (sandboxed, inline code only, nothing fetched). It waits for
 * the preview's HTML, which the UI fetched with its token, and writes it in.
 */
const PREVIEW_SHELL =
  '<!doctype html><meta charset="utf-8"><script>' +
  "addEventListener('message',function take(e){var d=e.data;" +
  "if(e.source!==parent||!d||d.type!=='design-sync/html'||typeof d.html!=='string')return;" +
  "removeEventListener('message',take);document.open();document.write(d.html);document.close();});" +
  "parent.postMessage({type:'design-sync/shell'},'*');</script>";
const PREVIEW_SHELL_CSP = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The plugin's UI, also served as a web page: at /app it runs in browser mode (sign in with an
 * API token; review, history, compare, rollback, tags, downloads); /plugin is the same page.
 */
const pluginUi: FastifyPluginAsyncZod = async (app) => {
  // Hashed once per build of the file (a rebuild while the server runs is picked up).
  let cached: { key: string; page: Page } | null = null;
  const load = async (): Promise<Page> => {
    const info = await stat(uiFile);
    const key = `${info.mtimeMs}:${info.size}`;
    if (cached?.key !== key) cached = { key, page: page(await readFile(uiFile, 'utf8')) };
    return cached.page;
  };
  const serve = async (_request: unknown, reply: FastifyReply) => {
    let ui: Page;
    try {
      ui = await load();
    } catch {
      return reply.status(503).type('text/plain; charset=utf-8').send('The UI is not built yet: run `npm run build`.');
    }
    // It talks only to this server.
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', ui.csp)
      .header('referrer-policy', 'no-referrer')
      .send(ui.html);
  };
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/app'));
  app.get('/app', { config: { public: true }, schema: { hide: true } }, serve);
  app.get('/plugin', { config: { public: true }, schema: { hide: true } }, serve);
  app.get('/app/preview-frame', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PREVIEW_SHELL_CSP)
      .header('referrer-policy', 'no-referrer')
      .send(PREVIEW_SHELL),
  );
};

export default pluginUi;
