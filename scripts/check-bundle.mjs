#!/usr/bin/env node
// Measures the JavaScript a browser downloads on the first page load of the web app, gzipped, and fails
// when it is over budget. "First load" = the entry chunk of index.html plus every chunk it imports
// statically (transitively), read from Vite's manifest; lazily imported pages are not counted.
//
// Usage: node scripts/check-bundle.mjs [--budget-kb 350] [--dist apps/web/dist]
// Run after `npm run build -w @lantian/web` (the root script `check:bundle` does both).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const budgetKb = Number(option('--budget-kb', '350'));
const dist = resolve(option('--dist', 'apps/web/dist'));

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch (error) {
  console.error(`check-bundle: cannot read ${join(dist, '.vite', 'manifest.json')}: ${error.message}`);
  console.error('Build the web app first: npm run build -w @lantian/web');
  process.exit(2);
}

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) {
  console.error(`check-bundle: expected one entry chunk in the manifest, found ${entries.length}`);
  process.exit(2);
}

/** Every chunk loaded before the app can run: the entry and its static imports, transitively. */
const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`manifest has no chunk ${key}`);
  initial.add(key);
  for (const dep of chunk.imports ?? []) visit(dep);
};
visit(entries[0][0]);

// zlib's default level (what Vite reports and close to a web server's on-the-fly gzip) and 1 kB = 1000 bytes:
// the larger, conservative figure.
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => (bytes / 1000).toFixed(1);

const rows = [...initial]
  .map((key) => manifest[key])
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({
    file: chunk.file,
    raw: readFileSync(join(dist, chunk.file)).length,
    gzip: gz(chunk.file),
  }))
  .sort((a, b) => b.gzip - a.gzip);
const css = [...new Set([...initial].flatMap((key) => manifest[key].css ?? []))];
const totalJs = rows.reduce((sum, r) => sum + r.gzip, 0);
const totalCss = css.reduce((sum, f) => sum + gz(f), 0);
const lazy = Object.values(manifest).filter(
  (c) => c.file.endsWith('.js') && !rows.some((r) => r.file === c.file),
);

console.log('First page load (entry + static imports):');
for (const r of rows)
  console.log(`  ${r.file.padEnd(48)} ${kb(r.raw).padStart(8)} KB raw  ${kb(r.gzip).padStart(7)} KB gzip`);
console.log(`  CSS: ${kb(totalCss)} KB gzip in ${css.length} file(s)`);
console.log(`Loaded on demand: ${lazy.length} chunks (pages, charts, Excel export)`);
console.log(`First-load JavaScript: ${kb(totalJs)} KB gzipped (budget ${budgetKb} KB)`);
if (totalJs > budgetKb * 1000) {
  console.error(`check-bundle: FAIL, over budget by ${kb(totalJs - budgetKb * 1000)} KB`);
  process.exit(1);
}
console.log('check-bundle: OK');
