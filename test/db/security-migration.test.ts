import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defaultMigrationsDir, migrate } from '../../server/db/migrator.js';
import type { Database } from '../../server/db/database.js';
import { redactUrl } from '../../server/lib/url-mask.js';
import { dbKinds, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const MIGRATION = '20261207120000_security';

// Audit rows written before webhook URLs were masked held the whole URL, secrets included.
describe.each(dbKinds)('the security migration on %s', (kind) => {
  const open: Array<{ db: Database; t: TestDatabase; dir?: string }> = [];
  afterEach(async () => {
    for (const { db, t, dir } of open.splice(0)) {
      await db.close();
      await t.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  });

  it('masks the webhook URLs already in the audit log as the server now writes them, and touches nothing else', async () => {
    const t = await freshDatabase(kind);
    const db = await t.open();
    // Every migration before this one, as a database upgraded from the previous version has them.
    const dir = await mkdtemp(join(tmpdir(), 'ds-migrations-'));
    open.push({ db, t, dir });
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await rm(join(dir, MIGRATION), { recursive: true });
    await migrate(db.raw, { dir });

    const project = (
      await db.raw.query<{ id: string }>(`INSERT INTO projects (id, name) VALUES (gen_random_uuid(), 'p') RETURNING id`)
    )[0]!.id;
    const urls = [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hookuser:s3cr3t@example.com:8443/hook?sig=abc#frag',
      'http://127.0.0.1:9/none',
      'https://example.com',
    ];
    const insert = (action: string, data: unknown) =>
      db.raw.query(
        `INSERT INTO audit_events (id, project_id, actor, action, target_type, data) VALUES (gen_random_uuid(), $1, 'token:admin', $2, 'outbound_webhook', $3::jsonb)`,
        [project, action, JSON.stringify(data)],
      );
    for (const url of urls) await insert('webhook.create', { url, format: 'json', events: [] });
    await insert('file.track', { url: 'https://keep.example/this/path' });
    await insert('webhook.create', { format: 'slack' });

    const applied = await migrate(db.raw);
    expect(applied.applied).toEqual([MIGRATION]);
    const rows = await db.raw.query<{ action: string; data: Record<string, unknown> }>(
      'SELECT action, data FROM audit_events ORDER BY created_at, action',
    );
    const created = rows.filter((r) => r.action === 'webhook.create' && 'url' in r.data).map((r) => r.data.url);
    expect(created.sort()).toEqual(urls.map(redactUrl).sort());
    expect(created.sort()).toEqual([
      'http://127.0.0.1:9/***',
      'https://example.com/***',
      'https://example.com:8443/***',
      'https://hooks.slack.com/***',
    ]);
    expect(rows.find((r) => r.action === 'file.track')!.data).toEqual({ url: 'https://keep.example/this/path' });
    expect(rows.filter((r) => r.action === 'webhook.create' && !('url' in r.data)).map((r) => r.data)).toEqual([
      { format: 'slack' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('s3cr3t');
    expect(JSON.stringify(rows)).not.toContain('XXXXXXXX');
  });
});
