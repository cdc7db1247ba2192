/**
 * A bare Fastify serving fixed bytes: the reference the server benchmark compares with. It answers
 * GET <path> with the body file as it is, under the content type and encoding given, nothing else (no
 * session, no database, no hooks). Started by bench/server.bench.ts in its own process.
 * Usage: tsx bench/bare-fastify.ts <port> <path> <body-file> <content-type> [content-encoding]
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const [port, route, file, type, encoding] = process.argv.slice(2);
if (!port || !route || !file || !type)
  throw new Error('usage: bare-fastify <port> <path> <body-file> <type> [encoding]');
const body = fs.readFileSync(file);
const app = Fastify({ logger: false });
app.get('/health', async () => ({ ok: true }));
app.get(route, (_req, reply) => {
  reply.type(type);
  if (encoding) reply.header('content-encoding', encoding).header('vary', 'Accept-Encoding');
  return reply.send(body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
