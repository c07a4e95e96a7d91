import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrator.js';

/** `npm run migrate`: apply pending migrations and exit. */
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await migrate(db.raw, { locking: db.kind === 'postgres' });
  console.log(result.applied.length ? `Applied: ${result.applied.join(', ')}` : 'Database is up to date.');
  console.log(`${result.alreadyApplied.length + result.applied.length} migration(s) in place.`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
