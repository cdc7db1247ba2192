import { SignoffUnitParams, SoleSignerRequest, SoleSignerResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
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
}
