/**
 * 催办: reminders before milestones and deadlines (the plan's reminder days, 7/3/1 by default) and
 * for the latest report missing after its due day, to the responsible unit's users — in the notification
 * centre and, when SMTP is configured, by e-mail through the outbox.
 *
 * Exactly once: every reminder has a unique key (`<assignment>:milestone:<due>:<days>`); it is written
 * with `insert … on conflict do nothing`, and its notifications and e-mails only when that insert
 * took, in the same transaction. Another instance racing on the same key inserts nothing. Nothing is
 * lost across a restart: what is owed is recomputed from the facts at every run (a missed day's
 * reminder is still owed the next day), and only what is not yet in the table is sent.
 */
import { type IsoDate, periodsToReport, type ReminderDue, remindersDue } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { couldHaveActed, recipientPrefs } from '../notifications/digest.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, type Recipient, unitRecipients } from '../notifications/notify.ts';
import {
  type AssignmentFactsRow,
  type ComputedStatus,
  computeStatus,
  milestonesReached,
} from '../status/compute.ts';
import {
  type ComputedAssignment,
  loadPlanSnapshot,
  type PlanSnapshot,
  statusRules,
} from '../status/summary.ts';
import { beijingDay } from '../supervision/day.ts';
import type { PlanReporting } from '../supervision/settings.ts';

interface OwedReminder extends ReminderDue {
  planId: string;
  assignmentId: string;
  unitId: string;
  label: string;
}

const delivered = (s: string) => s === 'submitted' || s === 'accepted';

/** Every reminder an assignment is owed as of a day. */
function owedReminders(
  f: AssignmentFactsRow,
  planYear: number,
  reporting: PlanReporting,
  asOf: IsoDate,
  rules: ReturnType<typeof statusRules>,
  known?: ComputedStatus,
): OwedReminder[] {
  if (f.closedOn && f.closedOn <= asOf) return [];
  const status = known ?? computeStatus(f, planYear, reporting.settings, asOf, rules, reporting.period.start);
  const dates: { kind: 'milestone' | 'deadline'; due: IsoDate; label: string }[] = [];
  if (!status.completed) {
    const reached = milestonesReached(f.reports);
    for (const m of f.milestones) {
      const r = reached.get(m.id);
      if (r && r <= asOf) continue;
      const due = f.extensions.find((e) => e.milestoneId === m.id)?.due ?? m.due;
      dates.push({ kind: 'milestone', due, label: `节点“${m.raw}”` });
    }
    const final = f.extensions.find((e) => e.milestoneId === null)?.due ?? f.deadline.due ?? f.deadline.end;
    if (final && f.deadline.kind !== 'ongoing' && !dates.some((d) => d.due === final))
      dates.push({ kind: 'deadline', due: final, label: `完成时限“${f.deadline.raw}”` });
  }
  const byPeriod = new Map(f.reports.map((r) => [r.period, r.state]));
  const overdue = periodsToReport(
    f.deadline,
    planYear,
    reporting.settings,
    asOf,
    f.closedOn ?? undefined,
  ).filter((p) => p.due < asOf && !delivered(byPeriod.get(p.key) ?? 'none'));
  // One nag per assignment: the latest missing report. Older gaps already show red on the board; a plan
  // published mid-year (or loaded long after its year) must not flood a unit with one reminder per past period.
  const late = overdue.slice(-1);
  const label = measureNo(f.taskNo, f.seq);
  return remindersDue({ assignmentKey: f.id, dates, lateReports: late }, asOf, {
    daysBefore: reporting.reminderDays,
  }).map((r) => ({ ...r, planId: f.planId, assignmentId: f.id, unitId: f.unitId, label }));
}

function message(r: OwedReminder, asOf: IsoDate) {
  if (r.kind === 'report_missing') {
    return {
      kind: 'reminder.report_missing',
      title: `催报：措施 ${r.label} ${r.period} 期进展报告未报送`,
      body: `措施 ${r.label} 的 ${r.period} 期进展报告应于 ${r.due} 前报送，至今未报。请尽快填报并经单位领导签发。`,
    };
  }
  const days = Math.round((Date.parse(r.due) - Date.parse(asOf)) / 86_400_000);
  return {
    kind: `reminder.${r.kind}`,
    title: `催办：措施 ${r.label} ${r.subject}将于 ${r.due} 到期`,
    body: `措施 ${r.label} 的${r.subject}将于 ${r.due} 到期（还有 ${days} 天），尚未完成。请抓紧推进并及时填报进展。`,
  };
}

async function existingKeys(db: Executor, planId: string, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 2000) {
    const rows = await db
      .selectFrom('reminders')
      .select('key')
      .where('plan_id', '=', planId)
      .where('key', 'in', keys.slice(i, i + 2000))
      .execute();
    for (const r of rows) out.add(r.key);
  }
  return out;
}

/** Send what a plan owes as of a day and has not been sent. Returns the reminders this call sent. */
export async function sendPlanReminders(
  ctx: AppContext,
  planId: string,
  asOf: IsoDate,
  holder: string,
  snapshot?: PlanSnapshot,
  computed: readonly ComputedAssignment[] = [],
): Promise<number> {
  const db = ctx.db.kysely;
  const snap = snapshot ?? (await loadPlanSnapshot(ctx, db, planId));
  if (!snap) return 0;
  const rules = statusRules(ctx);
  const statuses = new Map(computed.map((c) => [c.assignmentId, c]));
  // Nothing about what was due before the plan reached the units: they could not have acted on it.
  const plan = await db
    .selectFrom('plans')
    .select('published_at')
    .where('id', '=', planId)
    .executeTakeFirst();
  const publishedOn = plan?.published_at ? beijingDay(plan.published_at) : undefined;
  const owed = snap.facts
    .flatMap((f) => owedReminders(f, snap.planYear, snap.reporting, asOf, rules, statuses.get(f.id)))
    .filter((r) => !publishedOn || r.due >= publishedOn);
  if (owed.length === 0) return 0;
  const done = await existingKeys(
    db,
    planId,
    owed.map((r) => r.key),
  );
  const todo = owed.filter((r) => !done.has(r.key));
  let sent = 0;
  for (let i = 0; i < todo.length; i += 100) {
    const batch = todo.slice(i, i + 100);
    sent += await db.transaction().execute(async (trx) => {
      const recipients = new Map<string, Recipient[]>();
      const prefs = new Map<string, Awaited<ReturnType<typeof recipientPrefs>>>();
      let n = 0;
      const now = ctx.clock.now().toISOString();
      for (const r of batch) {
        let to = recipients.get(r.unitId);
        if (!to) {
          to = await unitRecipients(trx, r.unitId);
          recipients.set(r.unitId, to);
          prefs.set(
            r.unitId,
            await recipientPrefs(
              trx,
              to.map((x) => x.id),
            ),
          );
        }
        const took = await trx
          .insertInto('reminders')
          .values({
            key: r.key,
            plan_id: r.planId,
            assignment_id: r.assignmentId,
            unit_id: r.unitId,
            kind: r.kind,
            due: r.due,
            send_on: r.sendOn,
            subject: r.subject,
            // What notify() reaches: each account once.
            recipients: new Set(to.map((x) => x.id)).size,
            created_at: now,
            created_by: holder,
          })
          .onConflict((oc) => oc.column('key').doNothing())
          .returning('key')
          .executeTakeFirst();
        if (!took) continue;
        // Those who take a daily digest get this reminder in it (digest.ts); the others one message now.
        const unitPrefs = prefs.get(r.unitId);
        const single = to.filter((x) => {
          const p = unitPrefs?.get(x.id);
          return !p?.digest && couldHaveActed(p, r);
        });
        await notify(ctx, trx, single, {
          ...message(r, asOf),
          objectType: 'assignment',
          objectId: r.assignmentId,
          planId: r.planId,
          dedupeKey: r.key,
          email: true,
        });
        n++;
      }
      return n;
    });
  }
  return sent;
}
