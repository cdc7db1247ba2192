/** HTTP for API keys: the security administrator issues, lists and revokes them. */
import {
  ApiKeyParams,
  ApiKeysResponse,
  ApiKeyView,
  IssueApiKeyRequest,
  IssueApiKeyResponse,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from './apikeys.service.ts';

const tags = ['monitoring'];

export async function apiKeyRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api-keys',
    {
      config: { access: 'apikey.manage' },
      schema: { tags, summary: '监测系统的 API 密钥（只显示前缀）', response: { 200: ApiKeysResponse } },
    },
    async () => ({ apiKeys: await listApiKeys(ctx.db.kysely) }),
  );
  app.post(
    '/api-keys',
    {
      config: { access: 'apikey.manage' },
      schema: {
        tags,
        summary: '签发 API 密钥（密钥只在此应答中出现一次）',
        body: IssueApiKeyRequest,
        response: { 200: IssueApiKeyResponse },
      },
    },
    async (req) => issueApiKey(ctx, actorOf(principalOf(req)), req.body),
  );
  app.post(
    '/api-keys/:apiKeyId/revoke',
    {
      config: { access: 'apikey.manage' },
      schema: { tags, summary: '吊销 API 密钥', params: ApiKeyParams, response: { 200: ApiKeyView } },
    },
    async (req) => revokeApiKey(ctx, actorOf(principalOf(req)), req.params.apiKeyId),
  );
}
