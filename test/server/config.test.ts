import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has working defaults: embedded PGlite, port 3000, frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, dataDir: '.data/pglite', logLevel: 'info', migrateOnStart: true });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ADMIN_TOKEN: 'short', SECRET_KEY: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADMIN_TOKEN', 'SECRET_KEY']) expect(message).toContain(`${name}:`);
    expect(message).toContain('postgres:// or postgresql://');
  });

  it('accepts PostgreSQL URLs and a 32-byte secret key', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u@localhost:5432/db', SECRET_KEY: 'ab'.repeat(32), CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(c.databaseUrl).toBe('postgresql://u@localhost:5432/db');
    expect(c.secretKey).toHaveLength(32);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
