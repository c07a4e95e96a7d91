import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Two levels up from both server/routes/*.ts and the dist/server bundle is the project root.
const uiFile = fileURLToPath(new URL('../../dist/plugin/ui.html', import.meta.url));

/** The plugin's UI, also served as a web page by the server. */
const pluginUi: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/plugin'));
  app.get('/plugin', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      const html = await readFile(uiFile, 'utf8');
      return reply.type('text/html; charset=utf-8').send(html);
    } catch {
      return reply.status(503).type('text/plain; charset=utf-8').send('The plugin UI is not built yet: run `npm run build`.');
    }
  });
};

export default pluginUi;
