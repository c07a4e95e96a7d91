import fp from 'fastify-plugin';
import { LIMITS } from '../../core/contract/limits.js';
import { jsonDepthExceeds, tooDeep } from '../lib/json-body.js';

/** Replaces the JSON body parser with one that refuses bodies nested deeper than LIMITS.jsonDepth. */
export default fp(
  async (app) => {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (jsonDepthExceeds(body as string, LIMITS.jsonDepth)) {
        done(tooDeep(), undefined);
        return;
      }
      void parse(request, body as string, done);
    });
  },
  { name: 'json-depth', fastify: '5.x' },
);
