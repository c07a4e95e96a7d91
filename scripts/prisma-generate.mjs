// Runs `prisma generate` on machines that cannot download Prisma's schema engine.
// `prisma generate` never uses that engine but checks that it exists; the documented
// PRISMA_SCHEMA_ENGINE_BINARY variable pointed at any existing file satisfies the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const cli = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));
const run = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
