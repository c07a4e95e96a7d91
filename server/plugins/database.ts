import fp from 'fastify-plugin';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrator.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  /** Use this database instead of opening one from the config (tests share one per suite); it is not closed with the app. */
  database?: Database | undefined;
}

/** The database (PGlite or PostgreSQL, from the config), migrated when MIGRATE_ON_START is on; closed with the app. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const config = app.config;
    const database =
      options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    app.decorate('db', database);
    if (!options.database) app.addHook('onClose', async () => database.close());
    if (config.migrateOnStart) {
      const result = await migrate(database.raw, { locking: database.kind === 'postgres' });
      if (result.applied.length) app.log.info({ applied: result.applied }, 'migrations applied');
    }
  },
  { name: 'database', fastify: '5.x', decorators: { fastify: ['config'] } },
);
