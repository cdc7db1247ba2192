/**
 * The built web app: hashed assets cached for a year, index.html for every other page path. The build
 * writes `.br` and `.gz` beside each file (apps/web/vite-precompress.ts): those bytes are sent as they are
 * to clients that accept them, never compressed again per request.
 *
 * The HTML of a page with a first-paint target names its code (`<link rel="modulepreload">`, from the
 * build's `route-hints.json`, apps/web/vite-route-hints.ts), so the browser fetches the page's chunk
 * alongside the shell rather than after the shell has run (issue #12 item 3). Both files are read per
 * request (they are small): a rebuild is served at once, and a missing or unreadable hints file only
 * means no hints.
 */

import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type RouteHint = { match: string; files: string[] };

/** Hashed asset paths only: nothing the hints file says can put markup or another origin in the page. */
const ASSET = /^\/assets\/[\w.-]+\.js$/;

async function readHints(
  root: string,
  log: FastifyBaseLogger,
): Promise<{ match: RegExp; files: string[] }[]> {
  let text: string;
  try {
    text = await readFile(path.join(root, 'route-hints.json'), 'utf8');
  } catch {
    return []; // a build without hints
  }
  try {
    const hints = JSON.parse(text) as RouteHint[];
    return hints.map((h) => ({ match: new RegExp(h.match), files: h.files.filter((f) => ASSET.test(f)) }));
  } catch (e) {
    log.warn({ err: e }, 'route-hints.json is unreadable: pages are sent without hints');
    return [];
  }
}

/** index.html with the modulepreload links of the page at `pathname` (if it has any) before `</head>`. */
export function pageHtml(
  index: string,
  hints: { match: RegExp; files: string[] }[],
  pathname: string,
): string {
  const files = hints.find((h) => h.match.test(pathname))?.files ?? [];
  if (files.length === 0) return index;
  const links = files.map((f) => `<link rel="modulepreload" crossorigin href="${f}">`).join('');
  return index.replace('</head>', `${links}</head>`);
}

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const built = fs.existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      preCompressed: true,
      cacheControl: false,
      // index.html goes through the page handler below (with its hints), `/` too.
      index: false,
      setHeaders: (res, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendPage = async (req: FastifyRequest, reply: FastifyReply) => {
    const [index, hints] = await Promise.all([
      readFile(path.join(root, 'index.html'), 'utf8'),
      readHints(root, req.log),
    ]);
    return reply
      .header('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(pageHtml(index, hints, req.url.split('?')[0] ?? '/'));
  };
  if (built) app.get('/', sendPage);
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.code(404).send({
        error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` },
      });
    }
    if (built && (req.method === 'GET' || req.method === 'HEAD')) return sendPage(req, reply);
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send(
        built
          ? '页面不存在'
          : '前端尚未构建：运行 npm run build -w @lantian/web（或 npm start）后刷新。API 在 /api/v1，文档在 /api/docs。',
      );
  });
}
