/**
 * API keys of monitoring systems: issued and revoked by the security administrator (or at the server's
 * console), shown once, stored as a SHA-256 hash; each key carries scopes (`values:write`,
 * `alarms:write`) and optionally the indicators it may write.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  type ApiKeyView,
  type IssueApiKeyRequest,
} from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { ApiKeysTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';

const KEY_PREFIX = 'lt_';
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

function view(r: ApiKeysTable): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: JSON.parse(r.scopes) as ApiKeyScope[],
    indicators: r.indicators ? (JSON.parse(r.indicators) as string[]) : null,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function listApiKeys(db: Executor): Promise<ApiKeyView[]> {
  return (await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(view);
}

/** Issue a key; the key itself is returned this once and never stored. */
export async function issueApiKey(
  ctx: AppContext,
  actor: Actor,
  input: IssueApiKeyRequest,
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const scopes = [...new Set(input.scopes)];
  for (const s of scopes)
    if (!API_KEY_SCOPES.includes(s)) throw new AppError('VALIDATION_FAILED', `scopes：未知权限 ${s}`);
  return transaction(ctx, async (trx) => {
    const existing = await trx
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `名称 ${input.name} 已有密钥（须先吊销并另取名称）`);
    if (input.indicators) {
      const known = await trx
        .selectFrom('indicators')
        .select('code')
        .where('code', 'in', input.indicators)
        .execute();
      const missing = input.indicators.filter((c) => !known.some((k) => k.code === c));
      if (missing.length > 0)
        throw new AppError('VALIDATION_FAILED', `indicators：指标 ${missing.join('、')} 不存在`);
    }
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row: ApiKeysTable = {
      id: randomUUID(),
      name: input.name,
      prefix: key.slice(0, 10),
      key_hash: hashKey(key),
      scopes: JSON.stringify(scopes),
      indicators: input.indicators ? JSON.stringify(input.indicators) : null,
      created_by: actor.userId,
      created_at: ctx.clock.now().toISOString(),
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    await trx.insertInto('api_keys').values(row).execute();
    await audit(ctx, trx, actor, {
      action: 'apikey.issue',
      objectType: 'api_key',
      objectId: row.id,
      after: { name: row.name, scopes, indicators: input.indicators ?? null, prefix: row.prefix },
    });
    return { key, apiKey: view(row) };
  });
}

/** Revoke by name or id; revoking twice is refused (the first revocation stands). */
export async function revokeApiKey(ctx: AppContext, actor: Actor, nameOrId: string): Promise<ApiKeyView> {
  return transaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `密钥 ${nameOrId} 不存在`);
    if (row.revoked_at) throw new AppError('INVALID_STATE', `密钥 ${row.name} 已于 ${row.revoked_at} 吊销`);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: now, revoked_by: actor.userId })
      .where('id', '=', row.id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'apikey.revoke',
      objectType: 'api_key',
      objectId: row.id,
      before: { name: row.name },
    });
    return view({ ...row, revoked_at: now, revoked_by: actor.userId });
  });
}

/** Routes a monitoring system calls name `apiKey:<scope>` as their access. */
export function isApiKeyAccess(access: string): access is `apiKey:${ApiKeyScope}` {
  return access.startsWith('apiKey:') && API_KEY_SCOPES.includes(access.slice(7) as ApiKeyScope);
}
export const apiKeyScope = (access: `apiKey:${ApiKeyScope}`) => access.slice(7) as ApiKeyScope;

export interface ApiClient {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  indicators: string[] | null;
}

/** The key in `Authorization: Bearer …` or `X-Api-Key`, checked for the scope; never says which check failed. */
export async function authenticateApiKey(
  ctx: AppContext,
  headers: Record<string, string | string[] | undefined>,
  scope: ApiKeyScope,
): Promise<ApiClient> {
  const auth = headers.authorization;
  const raw =
    (typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined) ??
    (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : undefined);
  if (!raw?.startsWith(KEY_PREFIX)) throw new AppError('UNAUTHENTICATED', '缺少有效的 API 密钥');
  const hash = hashKey(raw);
  const row = await ctx.db.kysely
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hash)
    .executeTakeFirst();
  if (!row || !timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash)) || row.revoked_at)
    throw new AppError('UNAUTHENTICATED', '缺少有效的 API 密钥');
  const scopes = JSON.parse(row.scopes) as ApiKeyScope[];
  if (!scopes.includes(scope)) throw new AppError('FORBIDDEN', `此密钥没有 ${scope} 权限`);
  // Written at most once a minute: a system pushing alarms one by one does not pay a second commit each time.
  const now = ctx.clock.now();
  if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - 60_000)
    await ctx.db.kysely
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  return {
    id: row.id,
    name: row.name,
    scopes,
    indicators: row.indicators ? JSON.parse(row.indicators) : null,
  };
}

/** The actor the audit trail records for a key's writes. */
export function apiClientActor(c: ApiClient, ip: string | null): Actor {
  return { userId: null, username: `apikey:${c.name}`, roles: [], unitId: null, unitName: null, ip };
}
