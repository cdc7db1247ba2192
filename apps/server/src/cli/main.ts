/** The `lantian` command: dispatches to one function per subcommand and returns the exit status. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { DatabaseTooNewError } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { loadDemo } from '../modules/demo/demo.service.ts';
import { auditArchiveCommand, auditVerifyCommand } from './audit.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { CASES_USAGE, casesStatsCommand } from './cases.ts';
import { withDatabase } from './context.ts';
import { DIRECTORY_USAGE, directoryExport, directoryImport } from './directory.ts';
import { bulletinCommand } from './documents.ts';
import { CliError, type CliIo, processIo } from './io.ts';
import {
  apikeyAdd,
  apikeyRevoke,
  areaImport,
  dataImport,
  indicatorAdd,
  MONITORING_USAGE,
  rankingCommand,
} from './monitoring.ts';
import { planImport, planParse } from './plan.ts';
import { jobsRunCommand, statusCommand } from './supervision.ts';
import { userActivationCode, userAdd, userResetPassword, userResetSecondFactor, userRoles } from './user.ts';

const USAGE = `用法：npx lantian <命令>

  plan parse FILE [--year Y] [--columns '表头=用途,…']
                                        解析计划表格，输出 JSON（不写数据库）；--columns 指定列的用途
  plan import FILE [--year Y] [--columns 表头=用途,…] [--new-version-of 计划ID] [--publish] [--relevant-districts 区,区] [--decide 组=单位,单位]
                                        导入为草稿并输出计划 id；--publish 同时发布
  user add --username U --unit 单位 --role 角色[,角色] [--display-name 名称]
                                        新建用户，密码从标准输入读取
  user roles --username U --role 角色[,角色]   设置角色（三员角色只能在此变更，记入审计）
  user reset-password --username U      重置密码（含三员账户），新密码从标准输入读取
  user activation-code --username U     生成一次性激活码（打印在此，交给本人在 /activate 设置密码）
  user reset-2fa --username U           重置双因素认证（丢失手机时；含三员账户），结束其会话，下次登录重新绑定
  audit verify                          校验审计链（含归档文件与库外检查点），逐条报告每一处断裂
  audit archive --before YYYY-MM-DD     把早于该日的审计记录移入签名归档文件（只接受 180 天以前的日期）
  backup --out FILE                     备份整个系统（所有表、证明材料；运行中也一致）到一个可移植文件
  restore FILE                          把备份恢复到一个空数据库（SQLite 或 PostgreSQL 均可）
  demo load                             载入内置示例计划（北京 2022 大气）并发布
  status [--plan ID] [--at YYYY-MM-DD] [--json]
                                        各措施截至该日的预警灯与原因（按当日已记录的事实计算；默认最近发布的计划、今天）
  bulletin --plan ID --period YYYY-MM --out FILE.docx|FILE.pdf
                                        计划该月的通报（公文格式 .docx：总体进展及图表、各单位情况、预警事项、督办、延期、销号、排名）
  jobs run [--at YYYY-MM-DD]            按该日执行一次每日任务：刷新预警、催办、督办单逾期升级、发送邮件
  migrate                               只执行数据库迁移
${MONITORING_USAGE}
${DIRECTORY_USAGE}
${CASES_USAGE}
数据库设置与服务器相同：LANTIAN_DATA_DIR（SQLite，默认 ./data）或 DATABASE_URL（PostgreSQL）。
角色：sysadmin secadmin auditor supervisor unit_leader unit_staff viewer
`;

function args(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${USAGE}`, 2);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [group, command, ...rest] = argv;
  // `status` takes no subcommand: its options follow it directly.
  // `status`, `ranking`, `backup` and `restore` take no subcommand: their options follow them directly.
  const bare =
    group === 'status' ||
    group === 'ranking' ||
    group === 'backup' ||
    group === 'restore' ||
    group === 'bulletin';
  const key = bare ? group : `${group ?? ''} ${command ?? ''}`.trim();
  switch (key) {
    case 'plan parse': {
      const { values, positionals } = args(rest, { year: { type: 'string' }, columns: { type: 'string' } });
      if (positionals.length !== 1) throw new CliError(`plan parse 需要一个文件\n\n${USAGE}`, 2);
      return planParse(
        io,
        positionals[0] as string,
        values.year as string | undefined,
        values.columns as string | undefined,
      );
    }
    case 'plan import': {
      const { values, positionals } = args(rest, {
        year: { type: 'string' },
        publish: { type: 'boolean' },
        'relevant-districts': { type: 'string' },
        decide: { type: 'string', multiple: true },
        columns: { type: 'string' },
        'new-version-of': { type: 'string' },
      });
      if (positionals.length !== 1) throw new CliError(`plan import 需要一个文件\n\n${USAGE}`, 2);
      return planImport(io, positionals[0] as string, {
        year: values.year as string | undefined,
        publish: values.publish as boolean | undefined,
        relevantDistricts: values['relevant-districts'] as string | undefined,
        decide: values.decide as string[] | undefined,
        columns: values.columns as string | undefined,
        newVersionOf: values['new-version-of'] as string | undefined,
      });
    }
    case 'user add': {
      const { values, positionals } = args(rest, {
        username: { type: 'string' },
        unit: { type: 'string' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
      });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return userAdd(io, {
        username: values.username as string | undefined,
        unit: values.unit as string | undefined,
        role: values.role as string | undefined,
        displayName: values['display-name'] as string | undefined,
      });
    }
    case 'user roles': {
      const { values, positionals } = args(rest, { username: { type: 'string' }, role: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return userRoles(io, {
        username: values.username as string | undefined,
        role: values.role as string | undefined,
      });
    }
    case 'user activation-code': {
      const { values, positionals } = args(rest, { username: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return userActivationCode(io, { username: values.username as string | undefined });
    }
    case 'user reset-password': {
      const { values, positionals } = args(rest, { username: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return userResetPassword(io, { username: values.username as string | undefined });
    }
    case 'user reset-2fa': {
      const { values, positionals } = args(rest, { username: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return userResetSecondFactor(io, { username: values.username as string | undefined });
    }
    case 'audit verify': {
      args(rest, {});
      return auditVerifyCommand(io);
    }
    case 'audit archive': {
      const { values, positionals } = args(rest, { before: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return auditArchiveCommand(io, { before: values.before as string | undefined });
    }
    case 'demo load': {
      args(rest, {});
      return withDatabase(io, async (ctx) => {
        const r = await loadDemo(ctx, cliActor());
        io.stdout(`${r.planId}\n`);
        io.stderr(
          r.created
            ? `已载入并发布示例计划，生成分工 ${r.assignments} 条\n`
            : `示例计划已存在（已发布，分工 ${r.assignments} 条）\n`,
        );
        return 0;
      });
    }
    case 'status': {
      const { values, positionals } = args(
        [command, ...rest].filter((x) => x !== undefined),
        {
          plan: { type: 'string' },
          at: { type: 'string' },
          json: { type: 'boolean' },
        },
      );
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return statusCommand(io, {
        plan: values.plan as string | undefined,
        at: values.at as string | undefined,
        json: values.json as boolean | undefined,
      });
    }
    case 'bulletin': {
      const { values, positionals } = args(
        [command, ...rest].filter((x) => x !== undefined),
        { plan: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' } },
      );
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return bulletinCommand(io, {
        plan: values.plan as string | undefined,
        period: values.period as string | undefined,
        out: values.out as string | undefined,
      });
    }
    case 'backup': {
      const { values, positionals } = args(
        [command, ...rest].filter((x) => x !== undefined),
        { out: { type: 'string' } },
      );
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return backupCommand(io, { out: values.out as string | undefined });
    }
    case 'restore': {
      const { positionals } = args(
        [command, ...rest].filter((x) => x !== undefined),
        {},
      );
      if (positionals.length !== 1) throw new CliError('restore 需要一个备份文件', 2);
      return restoreCommand(io, positionals[0]);
    }
    case 'jobs run': {
      const { values, positionals } = args(rest, { at: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return jobsRunCommand(io, { at: values.at as string | undefined });
    }
    case 'cases stats': {
      const { values, positionals } = args(rest, {
        from: { type: 'string' },
        to: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return casesStatsCommand(io, values as { from?: string; to?: string; at?: string; json?: boolean });
    }
    case 'indicator add': {
      const { values, positionals } = args(rest, {
        code: { type: 'string' },
        name: { type: 'string' },
        unit: { type: 'string' },
        better: { type: 'string' },
        resolution: { type: 'string' },
        decimals: { type: 'string' },
        levels: { type: 'string' },
        aggregate: { type: 'string' },
      });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return indicatorAdd(io, values as Record<string, string | undefined>);
    }
    case 'data import': {
      const { values, positionals } = args(rest, { indicator: { type: 'string' }, year: { type: 'string' } });
      if (positionals.length !== 1) throw new CliError(`data import 需要一个文件\n\n${USAGE}`, 2);
      return dataImport(io, positionals[0] as string, values as Record<string, string | undefined>);
    }
    case 'ranking': {
      const { values, positionals } = args(
        [command, ...rest].filter((x) => x !== undefined),
        {
          indicator: { type: 'string' },
          period: { type: 'string' },
          level: { type: 'string' },
          within: { type: 'string' },
          by: { type: 'string' },
          cumulative: { type: 'boolean' },
          json: { type: 'boolean' },
        },
      );
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return rankingCommand(io, values as Record<string, string | boolean | undefined>);
    }
    case 'area import': {
      const { positionals } = args(rest, {});
      if (positionals.length !== 1) throw new CliError(`area import 需要一个文件\n\n${USAGE}`, 2);
      return areaImport(io, positionals[0] as string);
    }
    case 'directory export': {
      const { values, positionals } = args(rest, { out: { type: 'string' } });
      if (positionals.length > 0) throw new CliError(`多余的参数：${positionals.join(' ')}`, 2);
      return directoryExport(io, values.out as string | undefined);
    }
    case 'directory import': {
      const { values, positionals } = args(rest, { 'dry-run': { type: 'boolean' } });
      if (positionals.length !== 1) throw new CliError(`directory import 需要一个文件\n\n${USAGE}`, 2);
      return directoryImport(io, positionals[0] as string, values['dry-run'] === true);
    }
    case 'apikey add': {
      const { values } = args(rest, {
        name: { type: 'string' },
        scopes: { type: 'string' },
        indicators: { type: 'string' },
      });
      return apikeyAdd(io, values as Record<string, string | undefined>);
    }
    case 'apikey revoke': {
      const { values } = args(rest, { name: { type: 'string' } });
      return apikeyRevoke(io, values as Record<string, string | undefined>);
    }
    case 'migrate': {
      return withDatabase(io, async () => {
        io.stdout('数据库已是最新结构\n');
        return 0;
      });
    }
    default:
      if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
        io.stdout(USAGE);
        return 0;
      }
      io.stderr(`未知命令：${argv.join(' ')}\n\n${USAGE}`);
      return 2;
  }
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof AppError || e instanceof ConfigError || e instanceof DatabaseTooNewError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
