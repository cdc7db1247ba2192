import { AuditQuery, AuditResponse, AuditVerifyResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { ZodApp } from '../../http/types.ts';
import { listAuditEvents } from './audit.service.ts';
import { verifyAuditChain } from './audit.verify.ts';

export async function auditRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计记录（从新到旧，用 before 翻页）',
        querystring: AuditQuery,
        response: { 200: AuditResponse },
      },
    },
    async (req) => listAuditEvents(ctx.db.kysely, req.query),
  );

  app.get(
    '/audit/verify',
    {
      config: { access: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验审计链（含归档与库外检查点），逐条报告每一处断裂',
        response: { 200: AuditVerifyResponse },
      },
    },
    async () => verifyAuditChain(ctx),
  );
}
