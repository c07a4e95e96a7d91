import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has working defaults: embedded PGlite, port 3000, frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data/pglite',
      logLevel: 'info',
      migrateOnStart: true,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        ADMIN_TOKEN: 'short',
        SECRET_KEY: 'nope',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ADMIN_TOKEN', 'SECRET_KEY'])
      expect(message).toContain(`${name}:`);
    expect(message).toContain('postgres:// or postgresql://');
  });

  it('accepts PostgreSQL URLs and a 32-byte secret key', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://u@localhost:5432/db',
      SECRET_KEY: 'ab'.repeat(32),
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(c.databaseUrl).toBe('postgresql://u@localhost:5432/db');
    expect(c.secretKey).toHaveLength(32);
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('TRUST_PROXY and ALLOW_PRIVATE_TARGETS', () => {
  it('read TRUST_PROXY as Fastify takes it, and refuse anything else naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'loopback',
    ]);
    for (const bad of ['yes', '10.0.0.0/99', 'proxy.example', '1.2.3']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: must be true, false, a number of hops/);
    }
  });

  it('outbound URLs are held to the public-https rule unless ALLOW_PRIVATE_TARGETS is true', () => {
    expect(loadConfig({}).allowPrivateTargets).toBe(false);
    expect(loadConfig({ ALLOW_PRIVATE_TARGETS: 'true' }).allowPrivateTargets).toBe(true);
    expect(() => loadConfig({ ALLOW_PRIVATE_TARGETS: 'yes' })).toThrow(/ALLOW_PRIVATE_TARGETS/);
  });
});

describe('generated secret key', () => {
  it('lives in DATA_DIR as the README says, and a key left beside it by earlier versions moves there', async () => {
    const { mkdtemp, readFile, writeFile, mkdir, access } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadSecretKey } = await import('../../server/lib/secrets.js');
    const root = await mkdtemp(join(tmpdir(), 'ds-key-'));
    const dataDir = join(root, 'pglite');
    const key = await loadSecretKey(undefined, dataDir);
    expect(Buffer.from(await readFile(join(dataDir, 'secret.key'), 'utf8'), 'hex')).toEqual(Buffer.from(key));
    await expect(access(join(root, 'secret.key'))).rejects.toThrow();
    expect(Buffer.from(await loadSecretKey(undefined, dataDir))).toEqual(Buffer.from(key));

    // An install from before: the key beside the data directory keeps decrypting its tokens.
    const old = join(await mkdtemp(join(tmpdir(), 'ds-key-')), 'data');
    await mkdir(old, { recursive: true });
    const legacy = 'cd'.repeat(32);
    await writeFile(join(old, '..', 'secret.key'), legacy);
    expect(Buffer.from(await loadSecretKey(undefined, old)).toString('hex')).toBe(legacy);
    expect((await readFile(join(old, 'secret.key'), 'utf8')).trim()).toBe(legacy);
  });

  it('refuses to start with PostgreSQL, DATA_DIR=memory:// and no SECRET_KEY (the key would be lost at restart)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://u@localhost/db', DATA_DIR: 'memory://' })).toThrow(
      /SECRET_KEY/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgresql://u@localhost/db', DATA_DIR: 'memory://', SECRET_KEY: 'ab'.repeat(32) }),
    ).not.toThrow();
    expect(() => loadConfig({ DATA_DIR: 'memory://' })).not.toThrow();
  });
});
