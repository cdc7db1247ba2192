/** One error handler: every failure leaves as `{ error: { code, message } }`, never a stack trace. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.ts';

const WHERE: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function validationMessage(err: FastifyError): string {
  const where = WHERE[err.validationContext ?? ''] ?? err.validationContext ?? '请求';
  const parts = (err.validation ?? []).slice(0, 5).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = v.params as { keys?: string[] };
    if (v.keyword === 'unrecognized_keys' && params.keys) return `不允许的字段：${params.keys.join(', ')}`;
    return `${path || '(整体)'}: ${v.message}`;
  });
  return `${where}无效：${parts.join('；')}`;
}

function send(
  reply: import('fastify').FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } }));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return send(reply, err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err))
      return send(reply, 400, 'VALIDATION_FAILED', validationMessage(err));
    if (err.validation) return send(reply, 400, 'VALIDATION_FAILED', err.message);
    if (isResponseSerializationError(err as never)) {
      req.log.error({ err, cause: (err as { cause?: unknown }).cause }, 'response does not match its schema');
      return send(reply, 500, 'INTERNAL', '服务器内部错误');
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return send(reply, 413, 'PAYLOAD_TOO_LARGE', '上传的内容超过大小上限');
    }
    if (status === 415 || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return send(
        reply,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `不支持的内容类型：${req.headers['content-type'] ?? '(无)'}`,
      );
    }
    if (status === 429) return send(reply, 429, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    if (status >= 400 && status < 500) return send(reply, 400, 'BAD_REQUEST', `请求无效：${err.message}`);
    req.log.error({ err }, 'unexpected error');
    return send(reply, 500, 'INTERNAL', '服务器内部错误');
  });
}
