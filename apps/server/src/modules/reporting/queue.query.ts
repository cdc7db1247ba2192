/**
 * The queues: reports waiting for the caller's unit leader to sign off, and reports waiting for the
 * caller's review — as a lead unit (the other units' reports on measures it leads) or, for supervisors,
 * the lead units' own reports.
 */
import type { ReportQueueQuery, ReportQueueResponse } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { pageOf, toInt } from '../supervision/common.ts';

export async function reportQueue(
  db: Executor,
  user: Principal,
  q: ReportQueueQuery,
): Promise<ReportQueueResponse> {
  const supervisor = user.roles.includes('supervisor');
  const unitWorker = user.roles.includes('unit_leader') || user.roles.includes('unit_staff');
  const decided = q.decided === 'true';
  let base = db
    .selectFrom('progress_reports as r')
    .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('measures as m', 'm.id', 'r.measure_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('plans as p', 'p.id', 'r.plan_id')
    .where('p.status', '=', 'published');
  if (q.planId) base = base.where('r.plan_id', '=', q.planId);
  if (q.kind === 'signoff') {
    if (!user.roles.includes('unit_leader'))
      return { total: 0, page: q.page, pageSize: q.pageSize, rows: [] };
    base = base.where('r.unit_id', '=', user.unitId).where('r.state', '=', 'pending_signoff');
  } else {
    base = base.where('r.state', 'in', decided ? ['accepted', 'returned'] : ['submitted']);
    base = base.where((eb) => {
      const options = [];
      if (supervisor) options.push(eb('r.review_route', '=', 'supervisor'));
      if (unitWorker) {
        options.push(
          eb.and([
            eb('r.review_route', '=', 'lead'),
            eb('r.unit_id', '!=', user.unitId),
            eb.exists(
              eb
                .selectFrom('assignments as l')
                .select('l.id')
                .whereRef('l.measure_id', '=', 'r.measure_id')
                .where('l.role', '=', 'lead')
                .where('l.via_group_id', 'is', null)
                .where('l.unit_id', '=', user.unitId),
            ),
          ]),
        );
      }
      return options.length > 0 ? eb.or(options) : eb.val(false);
    });
  }
  const count = await base
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const rows = await base
    .select([
      'r.id',
      'r.assignment_id',
      'r.plan_id',
      'r.measure_id',
      'r.unit_id',
      'r.period',
      'r.period_due',
      'r.state',
      'r.status',
      'r.submitted_at',
      'r.signed_off_at',
      'r.version',
      'a.role',
      'm.task_no',
      'm.seq',
      'm.text',
      'u.name as unit_name',
    ])
    .orderBy(q.kind === 'signoff' ? 'r.submitted_at' : 'r.signed_off_at', decided ? 'desc' : 'asc')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: toInt(count.n),
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({
      reportId: r.id,
      assignmentId: r.assignment_id,
      planId: r.plan_id,
      measureId: r.measure_id,
      task: r.task_no,
      seq: r.seq,
      measureText: r.text.length > 200 ? `${r.text.slice(0, 200)}…` : r.text,
      unitId: r.unit_id,
      unitName: r.unit_name,
      role: r.role,
      period: r.period,
      periodDue: r.period_due,
      state: r.state,
      status: r.status,
      submittedAt: r.submitted_at,
      signedOffAt: r.signed_off_at,
      version: r.version,
    })),
  };
}
