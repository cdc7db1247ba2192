/** SQL for progress reports and their history. */
import type { Executor } from '../../db/connect.ts';
import type { ProgressReportsTable, ReportEventsTable } from '../../db/schema.ts';

export type ReportRow = ProgressReportsTable;

export async function reportById(db: Executor, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('progress_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function reportOf(
  db: Executor,
  assignmentId: string,
  period: string,
): Promise<ReportRow | undefined> {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('assignment_id', '=', assignmentId)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** The period's report (if any) and the assignment's closure day (if closed), in one query. */
export async function reportAndClosure(
  db: Executor,
  assignmentId: string,
  period: string,
): Promise<{ report: ReportRow | undefined; closedOn: string | null }> {
  const row = await db
    .selectFrom('assignments as a')
    .leftJoin('progress_reports as r', (j) =>
      j.onRef('r.assignment_id', '=', 'a.id').on('r.period', '=', period),
    )
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('closure_requests as c')
        .select('c.closed_on')
        .whereRef('c.assignment_id', '=', 'a.id')
        .where('c.state', '=', 'closed')
        .limit(1)
        .as('assignment_closed_on'),
    )
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!row) return { report: undefined, closedOn: null };
  const { assignment_closed_on, ...report } = row;
  return {
    report: report.id ? (report as ReportRow) : undefined,
    closedOn: assignment_closed_on ?? null,
  };
}

export async function reportsOfAssignment(db: Executor, assignmentId: string): Promise<ReportRow[]> {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('assignment_id', '=', assignmentId)
    .orderBy('period')
    .execute();
}

/** One page of an assignment's reports, newest period first, and how many there are. */
export async function reportsOfAssignmentPage(
  db: Executor,
  assignmentId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: ReportRow[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('progress_reports')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('assignment_id', '=', assignmentId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('progress_reports')
      .selectAll()
      .where('assignment_id', '=', assignmentId)
      .orderBy('period', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

export async function insertReport(db: Executor, row: ReportRow): Promise<void> {
  await db.insertInto('progress_reports').values(row).execute();
}

/** Update only if nobody changed the report since `version` was read; false when somebody did. */
export async function updateReport(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<ReportRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('progress_reports')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Append a step to a report's history, numbered after the last one. */
export async function insertEvent(db: Executor, row: Omit<ReportEventsTable, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('report_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('report_id', '=', row.report_id)
    .executeTakeFirst();
  await db
    .insertInto('report_events')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}

export async function eventsOf(db: Executor, reportId: string) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.at', 'e.action', 'e.from_state', 'e.to_state', 'e.comment', 'u.display_name'])
    .where('e.report_id', '=', reportId)
    .orderBy('e.seq')
    .execute();
}

/** Every step of these reports, in order (a ledger's review record). */
export async function eventsOfReports(db: Executor, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.report_id', 'e.at', 'e.action', 'e.from_state', 'e.to_state', 'e.comment', 'u.display_name'])
    .where('e.report_id', 'in', reportIds)
    .orderBy('e.report_id')
    .orderBy('e.seq')
    .execute();
}
