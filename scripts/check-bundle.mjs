#!/usr/bin/env node
// Measures the JavaScript a browser downloads on the first page load of the web app — the bytes the
// server actually sends — and fails when it is over budget. "First load" = the entry chunk of index.html
// plus every chunk it imports statically (transitively), read from Vite's manifest; lazily imported
// pages are not counted.
//
// The server sends the build's precompressed files as they are (@fastify/static preCompressed): a
// browser that accepts brotli gets `<file>.br`, one that accepts only gzip gets `<file>.gz`, both written
// by the build (apps/web/vite-precompress.ts). Those files are measured; a missing one fails the check,
// since the server would then send the file uncompressed. With `--url`, the files are fetched from a
// running server instead and the bytes on the wire are counted (content-length of the response).
// The budget applies to the gzip figure, the larger of the two.
//
// Usage: node scripts/check-bundle.mjs [--budget-kb 350] [--dist apps/web/dist] [--url http://127.0.0.1:8080]
// Run after `npm run build -w @lantian/web` (the root script `check:bundle` does both).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const budgetKb = Number(option('--budget-kb', '350'));
const dist = resolve(option('--dist', 'apps/web/dist'));
const url = option('--url', '');

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

const missing = [];
const PRECOMPRESS_MIN_BYTES = 1024;
/** Bytes sent for `file` to a client accepting `encoding` (1 kB = 1000 bytes). */
async function sent(file, encoding) {
  if (url) {
    const res = await fetch(new URL(`/${file}`, url), { headers: { 'accept-encoding': encoding } });
    if (!res.ok) throw new Error(`${res.status} for /${file}`);
    const length = Number(res.headers.get('content-length'));
    const body = Buffer.from(await res.arrayBuffer());
    if (res.headers.get('content-encoding') !== encoding) missing.push(`${file} (${encoding} not sent)`);
    return Number.isFinite(length) && length > 0 ? length : body.length;
  }
  const compressed = join(dist, `${file}.${encoding === 'br' ? 'br' : 'gz'}`);
  if (existsSync(compressed)) return readFileSync(compressed).length;
  // Files under the precompressor's floor (MIN_BYTES in apps/web/vite-precompress.ts) are sent as they
  // are, on purpose: compressing a few hundred bytes saves nothing. Only bigger files must have one.
  const raw = readFileSync(join(dist, file)).length;
  if (raw < PRECOMPRESS_MIN_BYTES) return raw;
  missing.push(`${file}.${encoding === 'br' ? 'br' : 'gz'}`);
  return readFileSync(join(dist, file)).length;
}
const kb = (bytes) => (bytes / 1000).toFixed(1);

const rows = [];
for (const chunk of [...initial].map((key) => manifest[key]).filter((c) => c.file.endsWith('.js'))) {
  rows.push({
    file: chunk.file,
    raw: readFileSync(join(dist, chunk.file)).length,
    br: await sent(chunk.file, 'br'),
    gzip: await sent(chunk.file, 'gzip'),
  });
}
rows.sort((a, b) => b.gzip - a.gzip);
const css = [...new Set([...initial].flatMap((key) => manifest[key].css ?? []))];
const totalJs = rows.reduce((sum, r) => sum + r.gzip, 0);
const totalBr = rows.reduce((sum, r) => sum + r.br, 0);
let totalCss = 0;
for (const f of css) totalCss += await sent(f, 'gzip');
const lazy = Object.values(manifest).filter(
  (c) => c.file.endsWith('.js') && !rows.some((r) => r.file === c.file),
);

console.log(
  `First page load (entry + static imports), as sent ${url ? `by ${url}` : 'from the precompressed files'}:`,
);
for (const r of rows)
  console.log(
    `  ${r.file.padEnd(48)} ${kb(r.raw).padStart(8)} KB raw  ${kb(r.br).padStart(7)} KB br  ${kb(r.gzip).padStart(7)} KB gzip`,
  );
console.log(`  CSS: ${kb(totalCss)} KB gzip in ${css.length} file(s)`);
console.log(`Loaded on demand: ${lazy.length} chunks (pages, charts)`);
console.log(
  `First-load JavaScript sent: ${kb(totalBr)} KB brotli, ${kb(totalJs)} KB gzip (budget ${budgetKb} KB)`,
);
if (missing.length > 0) {
  console.error(`check-bundle: FAIL, sent uncompressed: ${missing.join(', ')}`);
  process.exit(1);
}
if (totalJs > budgetKb * 1000) {
  console.error(`check-bundle: FAIL, over budget by ${kb(totalJs - budgetKb * 1000)} KB`);
  process.exit(1);
}
console.log('check-bundle: OK');
