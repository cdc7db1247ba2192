import {
  SignoffQueueQuery,
  SignoffQueueResponse,
  SignoffUnitParams,
  SoleSignerRequest,
  SoleSignerResponse,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { signoffQueue } from './queue.query.ts';
import { setSoleSigner, soleSignerSetting } from './sole-signer.ts';

export async function signoffRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/units/:unitId/sole-signer',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: '单人单位签发设置（本人填写、本人签发的例外）',
        params: SignoffUnitParams,
        response: { 200: SoleSignerResponse },
      },
    },
    async (req) => soleSignerSetting(ctx, req.params.unitId),
  );

  app.put(
    '/units/:unitId/sole-signer',
    {
      config: { access: 'signoff.setSoleSigner' },
      schema: {
        tags: ['directory'],
        summary: '设置单人单位（须说明理由，记入审计）',
        params: SignoffUnitParams,
        body: SoleSignerRequest,
        response: { 200: SoleSignerResponse },
      },
    },
    async (req) => setSoleSigner(ctx, actorOf(principalOf(req)), req.params.unitId, req.body),
  );

  app.get(
    '/signoff/requests',
    {
      config: { access: 'signoff.queue' },
      schema: {
        tags: ['signoff'],
        summary: '本单位待签发的督办答复、延期和销号申请（单位领导）',
        querystring: SignoffQueueQuery,
        response: { 200: SignoffQueueResponse },
      },
    },
    async (req) => signoffQueue(ctx, principalOf(req), req.query),
  );
}
