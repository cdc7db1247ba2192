/**
 * A Vite build plugin that writes `route-hints.json` beside index.html: for each page of HINTED_PAGES,
 * its address pattern and the files its chunk needs that the shell does not already load (the chunk and
 * its static imports, from the build manifest). The server adds them to the HTML of a matching address
 * as `<link rel="modulepreload">` (apps/server/src/http/web-app.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { HINTED_PAGES } from './src/hintedPages.ts';

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean; css?: string[] }>;
export type RouteHint = { match: string; files: string[] };

/** Every file a manifest key loads statically, itself first. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const k of manifest[key].imports ?? []) closure(manifest, k, seen);
  return seen;
}

export function routeHints(
  manifest: Manifest,
  pages: Record<string, { match: RegExp; module: string }>,
): RouteHint[] {
  const shell = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) closure(manifest, key, shell);
  return Object.values(pages).map((page) => {
    if (!manifest[page.module]) throw new Error(`route hints: ${page.module} is not a chunk of the build`);
    const files = [...closure(manifest, page.module)]
      .filter((k) => !shell.has(k))
      .map((k) => `/${manifest[k]?.file}`);
    return { match: page.match.source, files };
  });
}

export function routeHintsPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'lantian-route-hints',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    writeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
      writeFileSync(join(outDir, 'route-hints.json'), JSON.stringify(routeHints(manifest, HINTED_PAGES)));
    },
  };
}
