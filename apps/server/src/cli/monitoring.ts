/** `lantian indicator add`, `data import`, `ranking`, `area import`, `apikey add|revoke` (issue 9's interface). */
import fs from 'node:fs';
import path from 'node:path';
import { ApiKeyScope, IndicatorInput } from '@lantian/contract';
import { RESOLUTIONS } from '@lantian/core';
import { transaction } from '../context.ts';
import { issueApiKey, revokeApiKey } from '../modules/apikeys/apikeys.service.ts';
import { importAreaTable } from '../modules/areas/areas.service.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { addIndicator } from '../modules/indicators/indicators.service.ts';
import { importValueFile } from '../modules/indicators/values.service.ts';
import { readSheet } from '../modules/monitoring/sheet.ts';
import { computeRanking, rankingJson } from '../modules/rankings/rankings.query.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

type Opts = Record<string, string | boolean | undefined>;
const str = (o: Opts, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
function need(o: Opts, k: string, usage: string): string {
  const v = str(o, k);
  if (!v) throw new CliError(`缺少 --${k}\n\n${usage}`, 2);
  return v;
}

export const MONITORING_USAGE = `  indicator add --code CODE --name NAME --unit UNIT --better lower|higher \\
      --resolution ${RESOLUTIONS.join('|')} [--decimals N] [--levels district,street] [--aggregate mean|sum]
                                        新增监测指标
  data import FILE --indicator CODE [--year Y]
                                        导入监测数据（CSV/xlsx，长表或宽表），输出 {"imported","updated","rejected"}
  ranking --indicator CODE --period P --level district|street [--within 区] [--by value|yoy] [--cumulative] --json
                                        排名（JSON）
  area import FILE                      导入区域表（代码、名称、级别、所属区、责任单位）
  apikey add --name NAME --scopes values:write[,alarms:write] [--indicators CODE,CODE]
                                        签发监测系统 API 密钥（只显示这一次）
  apikey revoke --name NAME             吊销 API 密钥
`;

export async function indicatorAdd(io: CliIo, o: Opts): Promise<number> {
  const u = MONITORING_USAGE;
  const decimals = str(o, 'decimals');
  const parsed = IndicatorInput.safeParse({
    code: need(o, 'code', u),
    name: need(o, 'name', u),
    unit: need(o, 'unit', u),
    better: need(o, 'better', u),
    resolution: need(o, 'resolution', u),
    ...(decimals !== undefined ? { decimals: Number(decimals) } : {}),
    ...(str(o, 'levels') ? { levels: (str(o, 'levels') as string).split(',').map((s) => s.trim()) } : {}),
    ...(str(o, 'aggregate') ? { aggregate: str(o, 'aggregate') } : {}),
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new CliError(`--${i?.path.join('.')}：${i?.message}`, 2);
  }
  return withDatabase(io, async (ctx) => {
    const row = await transaction(ctx, (trx) => addIndicator(ctx, trx, cliActor(), parsed.data));
    io.stdout(`${row.id}\n`);
    io.stderr(`已新增指标 ${row.code}（${row.name}，${row.unit}）\n`);
    return 0;
  });
}

function readFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CliError(`无法读取文件：${file}`, 1);
  }
}

export async function dataImport(io: CliIo, file: string, o: Opts): Promise<number> {
  const code = need(o, 'indicator', MONITORING_USAGE);
  const year = str(o, 'year');
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new CliError('--year 应为四位年份', 2);
  const bytes = readFile(file);
  return withDatabase(io, async (ctx) => {
    const r = await importValueFile(ctx, cliActor(), code, bytes, path.basename(file), {
      year: year ? Number(year) : undefined,
    });
    io.stdout(
      `${JSON.stringify({ imported: r.imported, updated: r.updated, rejected: r.rejected.map((x) => ({ line: x.line, message: x.cell ? `${x.cell}：${x.message}` : x.message })) })}\n`,
    );
    return r.rejected.length > 0 ? 1 : 0;
  });
}

export async function rankingCommand(io: CliIo, o: Opts): Promise<number> {
  const u = MONITORING_USAGE;
  const level = need(o, 'level', u);
  if (level !== 'district' && level !== 'street') throw new CliError('--level 应为 district 或 street', 2);
  const by = str(o, 'by') ?? 'value';
  if (by !== 'value' && by !== 'yoy') throw new CliError('--by 应为 value 或 yoy', 2);
  return withDatabase(io, async (ctx) => {
    const r = await computeRanking(ctx.db.kysely, {
      indicator: need(o, 'indicator', u),
      period: need(o, 'period', u),
      level,
      within: str(o, 'within'),
      by,
      cumulative: o.cumulative === true,
    });
    const json = rankingJson(r.ranking);
    if (o.json) io.stdout(`${JSON.stringify(json)}\n`);
    else {
      for (const row of json.rows)
        io.stdout(
          `${row.rank}\t${row.area}\t${row.value}${row.yoyPercent === null ? '' : `\t${row.yoyPercent}%`}\n`,
        );
      if (json.noData.length > 0) io.stdout(`数据不足：${json.noData.join('、')}\n`);
    }
    return 0;
  });
}

export async function areaImport(io: CliIo, file: string): Promise<number> {
  const bytes = readFile(file);
  return withDatabase(io, async (ctx) => {
    const rows = await readSheet(bytes, path.basename(file));
    const r = await transaction(ctx, (trx) =>
      importAreaTable(ctx, trx, cliActor(), rows, path.basename(file)),
    );
    io.stdout(`${JSON.stringify(r)}\n`);
    return 0;
  });
}

export async function apikeyAdd(io: CliIo, o: Opts): Promise<number> {
  const name = need(o, 'name', MONITORING_USAGE);
  const scopes = need(o, 'scopes', MONITORING_USAGE)
    .split(',')
    .map((s) => s.trim());
  for (const s of scopes)
    if (!ApiKeyScope.safeParse(s).success)
      throw new CliError(`--scopes：未知权限 ${s}（values:write、alarms:write）`, 2);
  const indicators = str(o, 'indicators')
    ?.split(',')
    .map((s) => s.trim());
  return withDatabase(io, async (ctx) => {
    const r = await issueApiKey(ctx, cliActor(), {
      name,
      scopes: scopes as ApiKeyScope[],
      ...(indicators ? { indicators } : {}),
    });
    io.stdout(`${r.key}\n`);
    io.stderr(`已签发密钥 ${name}（${scopes.join(', ')}）：请立即保存，此后不再显示\n`);
    return 0;
  });
}

export async function apikeyRevoke(io: CliIo, o: Opts): Promise<number> {
  const name = need(o, 'name', MONITORING_USAGE);
  return withDatabase(io, async (ctx) => {
    const r = await revokeApiKey(ctx, cliActor(), name);
    io.stdout(`已吊销密钥 ${r.name}\n`);
    return 0;
  });
}
