import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import errorHandler from '../../server/plugins/error-handler.js';
import { AppError } from '../../server/errors.js';

describe('central error handler', () => {
  it('masks unexpected errors as 500 without their message or stack', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.get('/boom', async () => {
      throw new Error('secret internals: password=hunter2');
    });
    app.get('/domain', async () => {
      throw new AppError(422, 'incompatible', 'prop `size` is missing in the target', { reasons: ['x'] });
    });
    const boom = await app.inject('/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(boom.body).not.toContain('hunter2');
    const domain = await app.inject('/domain');
    expect(domain.statusCode).toBe(422);
    expect(domain.json()).toEqual({ error: { code: 'incompatible', message: 'prop `size` is missing in the target', details: { reasons: ['x'] } } });
  });
});
