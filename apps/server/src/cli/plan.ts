/** `lantian plan parse` and `lantian plan import`. */
import fs from 'node:fs';
import path from 'node:path';
import { type ColumnChoice, PlanParseError, parseColumnChoice } from '@lantian/core';
import { parsePlanFile } from '@lantian/intake';
import { AppError } from '../errors.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { importPlanDocument } from '../modules/plans/plan-import.service.ts';
import { publishPlan } from '../modules/plans/plan-publish.service.ts';
import { decideGroupByName, decideGroupsOfKind, planReview } from '../modules/plans/plan-review.service.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`, 2);
  }
}

function parseYear(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw new CliError(`--year 应为 1990 到 2100 之间的年份，而不是“${raw}”`, 2);
  return year;
}

const names = (list: string) =>
  list
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

function columnChoice(text: string | undefined): ColumnChoice | undefined {
  try {
    return text === undefined ? undefined : parseColumnChoice(text);
  } catch (e) {
    throw new CliError(`--columns：${(e as Error).message}`, 2);
  }
}

/** Print the parse result as JSON; a file that is not a plan table exits 2. */
export async function planParse(
  io: CliIo,
  file: string,
  yearText?: string,
  columnsText?: string,
): Promise<number> {
  const columns = columnChoice(columnsText);
  const bytes = readFile(file);
  try {
    const plan = await parsePlanFile(bytes, {
      fileName: path.basename(file),
      year: parseYear(yearText),
      columns,
    });
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof PlanParseError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export interface ImportOptions {
  year?: string;
  publish?: boolean;
  relevantDistricts?: string;
  decide?: string[];
  /** `表头=用途,…`: the column roles (remembered for this header). */
  columns?: string;
  /** Import as a new version of this plan (the answer to a duplicate). */
  newVersionOf?: string;
}

/** Import as a draft and print its id; optionally decide groups and publish. */
export async function planImport(io: CliIo, file: string, opts: ImportOptions): Promise<number> {
  const bytes = readFile(file);
  const year = parseYear(opts.year);
  const columns = columnChoice(opts.columns);
  const decisions = (opts.decide ?? []).map((d) => {
    const eq = d.indexOf('=');
    if (eq <= 0) throw new CliError(`--decide 的格式为 组名=单位,单位，而不是“${d}”`, 2);
    return { group: d.slice(0, eq).trim(), units: names(d.slice(eq + 1)) };
  });
  return withDatabase(io, async (ctx) => {
    const actor = cliActor();
    let planId: string;
    try {
      planId = await importPlanDocument(
        ctx,
        actor,
        { fileName: path.basename(file), mediaType: 'application/octet-stream', bytes },
        { year, columns, asNewVersionOf: opts.newVersionOf },
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'DUPLICATE_PLAN') {
        const id = (e.details as { plan?: { id?: string } } | undefined)?.plan?.id ?? 'ID';
        io.stderr(`${e.message}\n作为新版本导入：加上 --new-version-of ${id}\n`);
        return 1;
      }
      throw e;
    }
    io.stdout(`${planId}\n`);
    try {
      if (opts.relevantDistricts) {
        const decided = await decideGroupsOfKind(
          ctx,
          actor,
          planId,
          'district',
          names(opts.relevantDistricts),
        );
        if (decided.length === 0)
          io.stderr('提示：本计划没有需要决定的区级单位组，--relevant-districts 未使用\n');
      }
      for (const d of decisions) await decideGroupByName(ctx, actor, planId, d.group, d.units);
      const review = await planReview(ctx.db.kysely, planId);
      const plan = await ctx.db.kysely
        .selectFrom('plans')
        .select(['title', 'year', 'warnings'])
        .where('id', '=', planId)
        .executeTakeFirstOrThrow();
      io.stderr(
        `已导入草稿“${plan.title}”（${plan.year} 年），解析警告 ${(JSON.parse(plan.warnings) as unknown[]).length} 条\n`,
      );
      if (!opts.publish) {
        for (const b of review.blocking) io.stderr(`发布前须处理：${b}\n`);
        return 0;
      }
      const published = await publishPlan(ctx, actor, planId);
      io.stderr(`已发布，生成分工 ${published.assignmentsCreated} 条\n`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        io.stderr(
          `计划已作为草稿导入（${planId}），但${opts.publish ? '未能发布' : '后续步骤失败'}：${e.message}\n`,
        );
        return 1;
      }
      throw e;
    }
  });
}
