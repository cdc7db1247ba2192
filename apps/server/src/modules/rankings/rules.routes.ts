/** HTTP for the office's rules on measured data and the notices they propose. */
import {
  ConfirmProposalAsCaseRequest,
  ConfirmProposalRequest,
  DismissProposalRequest,
  EvaluateRuleRequest,
  OkResponse,
  Proposal,
  ProposalParams,
  ProposalsQuery,
  ProposalsResponse,
  Rule,
  RuleInput,
  RuleParams,
  RulesResponse,
  RuleUpdate,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { confirmProposalAsCase } from './proposal-case.ts';
import {
  confirmProposal,
  createRule,
  dismissProposal,
  evaluateRule,
  listProposals,
  listRules,
  updateRule,
} from './rules.service.ts';

const tags = ['monitoring'];

export async function ruleRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/monitoring/rules',
    {
      config: { access: 'rule.manage' },
      schema: { tags, summary: '监测规则', response: { 200: RulesResponse } },
    },
    async () => ({ rules: await listRules(ctx.db.kysely) }),
  );
  app.post(
    '/monitoring/rules',
    {
      config: { access: 'rule.manage' },
      schema: {
        tags,
        summary: '新增规则（排名后 N 名连续 K 期 / 连续 K 期劣于目标）',
        body: RuleInput,
        response: { 200: Rule },
      },
    },
    async (req) => createRule(ctx, principalOf(req), req.body),
  );
  app.patch(
    '/monitoring/rules/:ruleId',
    {
      config: { access: 'rule.manage' },
      schema: {
        tags,
        summary: '修改规则，或停用 / 启用（active）',
        params: RuleParams,
        body: RuleUpdate,
        response: { 200: Rule },
      },
    },
    async (req) => updateRule(ctx, principalOf(req), req.params.ruleId, req.body),
  );
  app.post(
    '/monitoring/rules/:ruleId/evaluate',
    {
      config: { access: 'rule.manage' },
      schema: {
        tags,
        summary: '按某期评估规则，生成督办/约谈建议（不下发）',
        params: RuleParams,
        body: EvaluateRuleRequest,
        response: { 200: ProposalsResponse },
      },
    },
    async (req) => ({
      proposals: await evaluateRule(ctx, principalOf(req), req.params.ruleId, req.body.period),
    }),
  );
  app.get(
    '/monitoring/proposals',
    {
      config: { access: 'proposal.decide' },
      schema: {
        tags,
        summary: '规则建议的督办单/约谈名单',
        querystring: ProposalsQuery,
        response: { 200: ProposalsResponse },
      },
    },
    async (req) => ({ proposals: await listProposals(ctx.db.kysely, req.query) }),
  );
  app.post(
    '/monitoring/proposals/:proposalId/confirm',
    {
      config: { access: 'proposal.decide' },
      schema: {
        tags,
        summary: '确认建议：一键下发督办单',
        params: ProposalParams,
        body: ConfirmProposalRequest,
        response: { 200: Proposal },
      },
    },
    async (req) => confirmProposal(ctx, principalOf(req), req.params.proposalId, req.body),
  );
  app.post(
    '/monitoring/proposals/:proposalId/case',
    {
      config: { access: 'proposal.toCase' },
      schema: {
        tags,
        summary: '确认为案件：按规则建议登记问题案件（重复提交返回同一案件）',
        params: ProposalParams,
        body: ConfirmProposalAsCaseRequest,
        response: { 200: Proposal },
      },
    },
    async (req) => confirmProposalAsCase(ctx, principalOf(req), req.params.proposalId, req.body),
  );
  app.post(
    '/monitoring/proposals/:proposalId/dismiss',
    {
      config: { access: 'proposal.decide' },
      schema: {
        tags,
        summary: '不采纳建议（须说明理由）',
        params: ProposalParams,
        body: DismissProposalRequest,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      await dismissProposal(ctx, principalOf(req), req.params.proposalId, req.body);
      return { ok: true as const };
    },
  );
}
