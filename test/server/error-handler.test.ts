import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import errorHandler from '../../server/plugins/error-handler.js';
import { AppError } from '../../server/lib/errors.js';
import { migrate } from '../../server/db/migrator.js';
import { dbKinds, freshDatabase } from '../helpers/databases.js';

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
    expect(domain.json()).toEqual({
      error: { code: 'incompatible', message: 'prop `size` is missing in the target', details: { reasons: ['x'] } },
    });
  });
});

describe.each(dbKinds)('central error handler, database data errors on %s', (kind) => {
  it('answers a value the database refuses (a gap in validation) with 400 naming the problem, not a 500', async () => {
    const testDb = await freshDatabase(kind);
    const db = await testDb.open();
    try {
      await migrate(db.raw, { locking: false });
      const app = Fastify({ logger: false });
      await app.register(errorHandler);
      app.post('/store', async () => db.prisma.project.create({ data: { name: 'a\u0000b' } }));
      app.get('/find', async () =>
        db.prisma.project.findMany({ where: { createdAt: { lt: new Date('0000-06-01T00:00:00Z') } } }),
      );
      for (const [method, url] of [
        ['POST', '/store'],
        ['GET', '/find'],
      ] as const) {
        const res = await app.inject({ method, url });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toBe('unstorable_value');
        // The database's own words (its internals, maybe the value) stay in the log.
        expect(res.json().error.message, res.body).not.toMatch(
          /invalid byte sequence|out of range|0x00|UTF8|timestamp/i,
        );
      }
      expect(await db.prisma.project.count()).toBe(0);
      await app.close();
    } finally {
      await db.close();
      await testDb.destroy();
    }
  });
});
