#!/usr/bin/env node
// Fails when a source file under src/ is over 500 lines: a file that long is doing more than one
// job (split it into a module of rooms). Data tables are exempt (src/catalogue/data.rs).
//
// Run: node scripts/check-sizes.mjs [src-dir]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX_LINES = 500;
const DATA_TABLES = new Set(['catalogue/data.rs']);
const root = process.argv[2] ?? new URL('../src', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.rs') ? [p] : [];
  });
}

const all = files(root);
const over = all
  .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length - 1])
  .filter(([name, lines]) => lines > MAX_LINES && !DATA_TABLES.has(name))
  .sort((a, b) => b[1] - a[1]);
for (const [name, lines] of over) console.log(`  src/${name}: ${lines} lines`);
console.log(`check-sizes: ${all.length} files, ${over.length} over ${MAX_LINES} lines`);
process.exit(over.length ? 1 : 0);
