import { defineConfig } from 'prisma/config';

// The URL is only needed by Prisma CLI commands that talk to a database (migrate status/deploy
// where the schema engine exists). The app itself never reads it from here: server/db picks
// PGlite or PostgreSQL from server/config.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/design_sync' },
});
