/** Start the server: read the environment, migrate, serve, and drain on SIGTERM. */
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { type PrepareResult, prepareDatabase } from './bootstrap.ts';
import { systemClock } from './clock.ts';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { startSafetyJobs } from './modules/backup/safety.job.ts';
import { startJobScheduler } from './modules/jobs/run-jobs.ts';

export function loginHint(prep: PrepareResult): string[] {
  if (!prep.admins)
    return [
      '登录：使用已有账户；新建账户：echo 密码 | npx lantian user add --username U --unit 单位 --role 角色',
    ];
  const lines = [
    '首次启动：已创建三员账户（系统管理员、安全管理员、审计管理员，应交由三人分别保管），首次登录须修改密码：',
  ];
  for (const a of prep.admins) {
    lines.push(
      a.fromEnv
        ? `    ${a.title} ${a.username}：密码为 ${a.env} 的值`
        : `    ${a.title} ${a.username}：初始密码 ${a.password}（只显示这一次，请立即记下）`,
    );
  }
  return lines;
}

/** How long SIGTERM waits for the requests already taken in before closing their connections. */
export const DRAIN_GRACE_MS = 10_000;

export async function startServer(config: Config = loadConfig()): Promise<void> {
  const db = openDatabase(config);
  const prep = await prepareDatabase({ db, config, clock: systemClock });
  const app = await buildApp({ db, config, logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  // Reminders, escalations and the daily status refresh (one instance at a time, by a database lease).
  const stopJobs = startJobScheduler({ db, config, clock: systemClock }, app.log);
  // Audit checkpoints by time and scheduled backups (each under its own lease).
  const stopSafety = startSafetyJobs({ db, config, clock: systemClock }, app.log);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${config.safety.tlsCert ? 'https' : 'http'}://${shown}:${config.port}/`;
  const lines = [
    '',
    `蓝天 Lantian 已启动：${url}`,
    `  数据库：${db.dialect === 'sqlite' ? db.file : 'PostgreSQL（DATABASE_URL）'}${prep.migrations.length ? `；本次迁移：${prep.migrations.join(', ')}` : ''}`,
    `  API：${url}api/v1    接口文档：${url}api/docs`,
    ...loginHint(prep).map((l) => `  ${l}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining requests and closing the database');
    // Requests still unanswered after the grace period have their connections cut, so a stuck client
    // or handler never holds the shutdown.
    const cut = setTimeout(() => {
      app.log.warn({ ms: DRAIN_GRACE_MS }, 'drain grace period over: closing the remaining connections');
      app.server.closeAllConnections();
    }, DRAIN_GRACE_MS);
    cut.unref();
    try {
      // New connections are refused at once while the jobs stop at their next step and give up their
      // leases; the database closes once both are done.
      await Promise.all([app.close(), stopJobs(), stopSafety()]);
      clearTimeout(cut);
      await db.close();
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer().catch((e: unknown) => {
    console.error(`蓝天无法启动：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
