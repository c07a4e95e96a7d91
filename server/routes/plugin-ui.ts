import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Two levels up from both server/routes/*.ts and the dist/server bundle is the project root.
const uiFile = fileURLToPath(new URL('../../dist/plugin/ui.html', import.meta.url));

/**
 * The plugin's UI, also served as a web page: at /app it runs in browser mode (sign in with an
 * API token; review, history, compare, rollback, tags, downloads); /plugin is the same page.
 */
const pluginUi: FastifyPluginAsyncZod = async (app) => {
  const serve = async (_request: unknown, reply: FastifyReply) => {
    try {
      const html = await readFile(uiFile, 'utf8');
      // The page's scripts and styles are inline (Figma requires one file); it talks only to this server.
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .send(html);
    } catch {
      return reply.status(503).type('text/plain; charset=utf-8').send('The UI is not built yet: run `npm run build`.');
    }
  };
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/app'));
  app.get('/app', { config: { public: true }, schema: { hide: true } }, serve);
  app.get('/plugin', { config: { public: true }, schema: { hide: true } }, serve);
};

export default pluginUi;
