import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Bench } from './types.js';

/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line, e.g.
 * `npm run bench -- store`) and prints their figures. Figures only: nothing here passes or fails.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();

const rows: Array<{ bench: string; name: string; value: string; unit: string }> = [];
for (const file of files) {
  const bench = file.replace(/\.bench\.ts$/, '');
  console.log(`\n▶ ${bench}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  await mod.default((name, value, unit) => {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
    rows.push({ bench, name, value: shown, unit });
    console.log(`  ${name}: ${shown} ${unit}`);
  });
}

console.log('\nSummary');
const w = [Math.max(...rows.map((r) => r.bench.length), 5), Math.max(...rows.map((r) => r.name.length), 6)];
for (const r of rows)
  console.log(`${r.bench.padEnd(w[0]!)}  ${r.name.padEnd(w[1]!)}  ${r.value.padStart(10)} ${r.unit}`);
