import { mkdir } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';
import { pgPoolRawSql, type RawSql } from './raw-sql.js';
import { PGliteThread } from './pglite-thread.js';

export type Db = PrismaClient;
/** What `$transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0] &
  Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  raw: RawSql;
  /** PostgreSQL's connection string (the job queue opens its own pool on it) */
  url?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** Opens the embedded PGlite database (default) or PostgreSQL when a URL is given. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  // On a thread of its own: PGlite executes statements synchronously where it runs (pglite-worker.js).
  const thread = await PGliteThread.start(inMemory ? undefined : dataDir);
  const prisma = new PrismaClient({ adapter: thread.prismaAdapter() });
  return {
    kind: 'pglite',
    prisma,
    raw: thread.rawSql(),
    async close() {
      await prisma.$disconnect();
      await thread.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    url,
    prisma,
    raw: pgPoolRawSql(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
