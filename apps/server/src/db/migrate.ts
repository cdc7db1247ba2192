/** Schema migrations: run at start on both dialects; a database from a newer Lantian is refused. */
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './connect.ts';
import * as initial from './migrations/2025-11-28-01-initial.ts';
import * as supervision from './migrations/2026-11-28-02-supervision.ts';
import * as readVersion from './migrations/2026-11-28-03-read-version.ts';
import * as statusRecheck from './migrations/2026-11-28-03-status-recheck.ts';
import * as noticeReplyOrder from './migrations/2026-11-28-04-notice-reply-order.ts';
import * as planPeriod from './migrations/2026-12-01-10-plan-period.ts';
import * as notificationDigests from './migrations/2026-12-01-11-notification-digests.ts';
import * as readScopes from './migrations/2026-12-01-11-read-scopes.ts';
import * as monitoring from './migrations/2026-12-01-20-monitoring.ts';
import * as security from './migrations/2026-12-01-40-security.ts';
import * as auditKeying from './migrations/2026-12-01-41-audit-keying.ts';
import * as importFlow from './migrations/2026-12-02-50-import-flow.ts';
import * as sourceLocks from './migrations/2026-12-02-70-source-locks.ts';
import * as proposalDismissal from './migrations/2026-12-02-95-proposal-dismissal.ts';
import * as cases from './migrations/2026-12-03-10-cases.ts';
import * as bulletin from './migrations/2026-12-03-30-bulletin.ts';
import * as secauth from './migrations/2026-12-03-50-secauth.ts';
import * as secdata from './migrations/2026-12-03-60-secdata.ts';
import * as officeSignoff from './migrations/2026-12-03-70-office-signoff.ts';
import * as officeUnits from './migrations/2026-12-03-70-office-units.ts';
import * as unitJurisdiction from './migrations/2026-12-03-80-generality-unit-jurisdiction.ts';
import * as importStaging from './migrations/2026-12-04-50-import-staging.ts';
import * as valuesPkInclude from './migrations/2026-12-05-10-values-pk-include.ts';
import * as caseListIndexes from './migrations/2026-12-06-30-case-list-indexes.ts';
import * as proposalCase from './migrations/2026-12-06-30-proposal-case.ts';
import * as factorReenrolment from './migrations/2026-12-06-50-factor-reenrolment.ts';
import * as directoryImport from './migrations/2026-12-06-60-directory-import.ts';

/** Every migration, in order. Listed here (not read from disk) so the built server carries them. */
export const MIGRATIONS: Record<string, Migration> = {
  '2025-11-28-01-initial': initial,
  '2026-11-28-02-supervision': supervision,
  '2026-11-28-03-status-recheck': statusRecheck,
  '2026-11-28-04-notice-reply-order': noticeReplyOrder,
  '2026-11-28-03-read-version': readVersion,
  '2026-12-01-10-plan-period': planPeriod,
  '2026-12-01-11-read-scopes': readScopes,
  '2026-12-01-11-notification-digests': notificationDigests,
  '2026-12-01-20-monitoring': monitoring,
  '2026-12-01-40-security': security,
  '2026-12-01-41-audit-keying': auditKeying,
  '2026-12-02-50-import-flow': importFlow,
  '2026-12-02-70-source-locks': sourceLocks,
  '2026-12-02-95-proposal-dismissal': proposalDismissal,
  '2026-12-03-10-cases': cases,
  '2026-12-03-30-bulletin': bulletin,
  '2026-12-03-50-secauth': secauth,
  '2026-12-03-60-secdata': secdata,
  '2026-12-03-70-office-signoff': officeSignoff,
  '2026-12-03-70-office-units': officeUnits,
  '2026-12-03-80-generality-unit-jurisdiction': unitJurisdiction,
  '2026-12-04-50-import-staging': importStaging,
  '2026-12-05-10-values-pk-include': valuesPkInclude,
  '2026-12-06-30-case-list-indexes': caseListIndexes,
  '2026-12-06-30-proposal-case': proposalCase,
  '2026-12-06-50-factor-reenrolment': factorReenrolment,
  '2026-12-06-60-directory-import': directoryImport,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await (db.kysely as unknown as import('kysely').Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .execute();
  return rows.map((r) => r.name);
}

/** Bring the schema up to date. Returns the names of the migrations applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const unknown = (await appliedMigrations(db)).filter((n) => !(n in MIGRATIONS));
  if (unknown.length > 0) {
    throw new DatabaseTooNewError(
      `数据库由更新版本的蓝天创建（包含本程序不认识的迁移：${unknown.join(', ')}）。` +
        '请升级蓝天后再启动，或改用与之匹配的数据库备份。',
    );
  }
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
