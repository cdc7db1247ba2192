/**
 * Compression of what the server sends. JSON (and any other compressible response over 1 KB) is
 * compressed on the fly by @fastify/compress; bodies the server keeps in memory (the 我的任务 cache)
 * carry their compressed forms, made once, and are sent with `sendEncoded` so the same bytes are not
 * compressed again on every request. Web assets are compressed at build time (see app.ts).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Responses smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    // Level 4 brotli is close to gzip's speed and smaller; JSON is compressed per request.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

export type Encoding = 'br' | 'gzip';

/** The encoding to send for an Accept-Encoding header (brotli preferred), or null for none. */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const enc: Encoding | null = name === 'br' ? 'br' : name === 'gzip' || name === '*' ? 'gzip' : null;
    if (enc && (q > bestQ || (q === bestQ && enc === 'br'))) {
      best = name === '*' ? 'br' : enc;
      bestQ = q;
    }
  }
  return best;
}

/** A body kept in memory with its compressed forms, each made on first use. */
export class EncodedBody {
  private br?: Buffer;
  private gz?: Buffer;
  constructor(readonly raw: Buffer) {}

  get(encoding: Encoding | null): Buffer {
    if (encoding === null || this.raw.length < COMPRESS_THRESHOLD_BYTES) return this.raw;
    if (encoding === 'br') {
      this.br ??= brotliCompressSync(this.raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 6,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.raw.length,
        },
      });
      return this.br;
    }
    this.gz ??= gzipSync(this.raw, { level: 6 });
    return this.gz;
  }
}

/** Send a kept JSON body in the encoding the client accepts; @fastify/compress leaves it alone. */
export function sendEncoded(req: FastifyRequest, reply: FastifyReply, body: EncodedBody): FastifyReply {
  const wanted = preferredEncoding(req.headers['accept-encoding']);
  const bytes = body.get(wanted);
  reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
  // Raw bytes go out uncompressed either way: the client accepts no encoding, or they are under the threshold.
  if (bytes !== body.raw) reply.header('Content-Encoding', wanted as Encoding);
  return reply.send(bytes);
}
