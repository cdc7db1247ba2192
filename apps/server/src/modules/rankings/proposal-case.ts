/**
 * 确认为案件: a supervisor confirms a rule's proposal as a problem case instead of a 督办单. The case is
 * entered `reported` at the proposal's area (origin `monitoring`, source `monitoring-rule`, the proposal's
 * id as its external id) with the ranking facts as its description and the rule's measure linked; the
 * office then verifies it (another supervisor: whoever entered a case does not verify it) and dispatches
 * it to the area's answering unit, which the dispatch form proposes. Claiming the proposal, entering the
 * case, linking it and the audit record are one transaction: a double click or two supervisors at once
 * give one case (the second is answered that same case); a proposal issued as a notice or dismissed is
 * 409 `INVALID_STATE`.
 */
import type { ConfirmProposalAsCaseRequest, Proposal } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { areaViews } from '../areas/areas.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { insertCase } from '../cases/cases.create.ts';
import { evidenceText, listProposals } from './rules.service.ts';

export const PROPOSAL_CASE_SOURCE = 'monitoring-rule';

export async function confirmProposalAsCase(
  ctx: AppContext,
  user: Principal,
  id: string,
  input: ConfirmProposalAsCaseRequest,
): Promise<Proposal> {
  await transaction(ctx, async (trx) => {
    const already = async () => {
      const row = await trx
        .selectFrom('rule_proposals')
        .select(['state', 'case_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound('建议');
      if (row.case_id) return row.case_id;
      if (row.state !== 'proposed')
        throw new AppError('INVALID_STATE', '该建议已处理（已下发督办单或不采纳）');
      return null;
    };
    if (await already()) return;
    const now = ctx.clock.now().toISOString();
    // The claim: on PostgreSQL a second transaction waits here for the first and then finds nothing to claim.
    const claimed = await trx
      .updateTable('rule_proposals')
      .set({ state: 'confirmed', decided_by: user.userId, decided_at: now })
      .where('id', '=', id)
      .where('state', '=', 'proposed')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      if (await already()) return;
      throw new AppError('INVALID_STATE', '该建议已处理');
    }
    const p = await trx
      .selectFrom('rule_proposals as p')
      .innerJoin('monitoring_rules as r', 'r.id', 'p.rule_id')
      .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
      .select(['p.area_id', 'p.evidence', 'r.name as rule_name', 'r.measure_id', 'i.name as indicator'])
      .where('p.id', '=', id)
      .executeTakeFirstOrThrow();
    const area = (await areaViews(trx)).byId.get(p.area_id);
    if (!area) throw new AppError('INVALID_STATE', '该建议的区域已不存在');
    const district = area.level === 'street' ? area.parentName : area.name;
    const street = area.level === 'street' ? area.name : null;
    const place = `${district ?? ''}${street ?? ''}`;
    const facts = `${place}${p.indicator}触发规则“${p.rule_name}”：${evidenceText(JSON.parse(p.evidence))}`;
    const created = await insertCase(ctx, trx, actorOf(user), user, {
      origin: 'monitoring',
      source: PROPOSAL_CASE_SOURCE,
      externalId: id,
      category: input.category ?? 'other',
      severity: input.severity ?? 'medium',
      occurredAt: now,
      district,
      street,
      address: place,
      description: input.description ?? facts,
      measureId: p.measure_id,
    });
    await trx.updateTable('rule_proposals').set({ case_id: created.id }).where('id', '=', id).execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'proposal.toCase',
      objectType: 'rule_proposal',
      objectId: id,
      after: { state: 'confirmed', caseId: created.id },
      detail: { category: input.category ?? 'other', severity: input.severity ?? 'medium' },
    });
  });
  const proposal = (await listProposals(ctx.db.kysely, {})).find((x) => x.id === id);
  if (!proposal) throw notFound('建议');
  return proposal;
}
