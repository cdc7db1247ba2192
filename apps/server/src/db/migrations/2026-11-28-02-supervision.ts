/**
 * Progress reporting and supervision: reporting settings per plan, progress reports with their
 * history and evidence, the per-assignment status summary the board reads, reminders with their
 * notifications and e-mail outbox, job leases, supervision notices, extension and closure requests.
 * Frozen once shipped; takes Kysely<any> and imports nothing from the app.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  const blob = isPostgres(db) ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('reporting_settings')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('cycle', 'text', (c) => c.notNull().check(sql`cycle in ('monthly', 'biweekly', 'quarterly')`))
    .addColumn('due_day', 'integer', (c) => c.notNull().check(sql`due_day between 1 and 31`))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('reminder_days', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('progress_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('period_due', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'pending_signoff', 'submitted', 'accepted', 'returned')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('not_started', 'on_track', 'behind', 'done')`),
    )
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('target_values', 'text', (c) => c.notNull())
    .addColumn('milestones_reached', 'text', (c) => c.notNull())
    .addColumn('review_route', 'text', (c) => c.notNull().check(sql`review_route in ('lead', 'supervisor')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_decision', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('signoff_comment', 'text')
    .addColumn('last_request_id', 'text')
    .addUniqueConstraint('progress_reports_assignment_period_uq', ['assignment_id', 'period'])
    .execute();
  await db.schema
    .createIndex('progress_reports_plan_state_idx')
    .on('progress_reports')
    .columns(['plan_id', 'state'])
    .execute();
  await db.schema
    .createIndex('progress_reports_unit_state_idx')
    .on('progress_reports')
    .columns(['unit_id', 'state'])
    .execute();
  await db.schema
    .createIndex('progress_reports_measure_state_idx')
    .on('progress_reports')
    .columns(['measure_id', 'state'])
    .execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('progress_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('milestones_reached', 'text', (c) => c.notNull())
    .addColumn('target_values', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addUniqueConstraint('report_events_report_seq_uq', ['report_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('report_events_plan_idx')
    .on('report_events')
    .columns(['plan_id', 'at'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) =>
      c.notNull().check(sql`owner_type in ('report', 'notice', 'closure', 'extension')`),
    )
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_owner_idx')
    .on('attachments')
    .columns(['owner_type', 'owner_id'])
    .execute();

  await db.schema
    .createTable('assignment_status')
    .addColumn('assignment_id', 'text', (c) => c.primaryKey().references('assignments.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('task_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull().check(sql`light in ('green', 'yellow', 'red', 'done')`))
    .addColumn('light_rank', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('reason_codes', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('next_due', 'text')
    .addColumn('last_period', 'text')
    .addColumn('last_state', 'text')
    .addColumn('computed_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assignment_status_board_idx')
    .on('assignment_status')
    .columns(['plan_id', 'light_rank', 'next_due'])
    .execute();
  await db.schema
    .createIndex('assignment_status_unit_idx')
    .on('assignment_status')
    .columns(['unit_id', 'plan_id', 'light_rank'])
    .execute();
  await db.schema
    .createIndex('assignment_status_measure_idx')
    .on('assignment_status')
    .columns(['plan_id', 'task_no', 'seq'])
    .execute();
  await db.schema
    .createIndex('assignment_status_computed_idx')
    .on('assignment_status')
    .columns(['plan_id', 'computed_on'])
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('send_on', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminders_plan_idx').on('reminders').columns(['plan_id', 'send_on']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('plan_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute();

  await db.schema
    .createTable('user_contacts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email', 'text')
    .addColumn('email_enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('email_outbox_pending_idx')
    .on('email_outbox')
    .columns(['sent_at', 'failed_at', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('yellow', 'red')`))
    .addColumn('initial_level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reply_due', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('issued', 'replied', 'sent_back', 'accepted')`),
    )
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_notices_plan_idx')
    .on('supervision_notices')
    .columns(['plan_id', 'state'])
    .execute();
  await db.schema
    .createIndex('supervision_notices_unit_idx')
    .on('supervision_notices')
    .columns(['unit_id', 'state'])
    .execute();
  await db.schema
    .createIndex('supervision_notices_due_idx')
    .on('supervision_notices')
    .columns(['level', 'reply_due'])
    .execute();

  await db.schema
    .createTable('notice_measures')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('supervision_notices.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addPrimaryKeyConstraint('notice_measures_pk', ['notice_id', 'measure_id'])
    .execute();
  await db.schema
    .createIndex('notice_measures_measure_idx')
    .on('notice_measures')
    .column('measure_id')
    .execute();

  await db.schema
    .createTable('notice_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('supervision_notices.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('replied_by', 'text', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('notice_replies_notice_idx')
    .on('notice_replies')
    .columns(['notice_id', 'replied_at'])
    .execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('milestone_id', 'text', (c) => c.references('milestones.id'))
    .addColumn('original_due', 'text', (c) => c.notNull())
    .addColumn('requested_due', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending_lead', 'pending_supervisor', 'approved', 'refused')`),
    )
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('lead_by', 'text', (c) => c.references('users.id'))
    .addColumn('lead_at', 'text')
    .addColumn('lead_comment', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('extension_requests_assignment_idx')
    .on('extension_requests')
    .columns(['assignment_id', 'state'])
    .execute();
  await db.schema
    .createIndex('extension_requests_plan_idx')
    .on('extension_requests')
    .columns(['plan_id', 'state'])
    .execute();

  await db.schema
    .createTable('closure_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'pending_lead', 'pending_supervisor', 'closed', 'rejected')`),
    )
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('lead_by', 'text', (c) => c.references('users.id'))
    .addColumn('lead_at', 'text')
    .addColumn('lead_comment', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('closure_requests_assignment_idx')
    .on('closure_requests')
    .columns(['assignment_id', 'state'])
    .execute();
  await db.schema
    .createIndex('closure_requests_plan_idx')
    .on('closure_requests')
    .columns(['plan_id', 'state'])
    .execute();

  // The lead-unit lookups (review queue, who reviews a report) go by measure, role and unit.
  await db.schema
    .createIndex('assignments_measure_role_idx')
    .on('assignments')
    .columns(['measure_id', 'role', 'unit_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The supervision migration cannot be undone: restore a backup instead.');
}
