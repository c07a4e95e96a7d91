import fp from 'fastify-plugin';
import { loadSecretKey, secretBox, type SecretBox } from '../lib/secrets.js';

declare module 'fastify' {
  interface FastifyInstance {
    secrets: SecretBox;
  }
}

/** The key that encrypts stored Figma tokens: SECRET_KEY, or one generated once in DATA_DIR. */
export default fp(
  async (app) => {
    app.decorate('secrets', secretBox(await loadSecretKey(app.config.secretKey, app.config.dataDir)));
  },
  { name: 'secrets', fastify: '5.x', decorators: { fastify: ['config'] } },
);
