import { prepareDatabase } from '../bootstrap.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { openDatabase } from '../db/connect.ts';
import { loginHint } from '../main.ts';
import { writeCheckpoint } from '../modules/audit/audit.checkpoint.ts';
import type { CliIo } from './io.ts';

/** Open the database the environment names (as the server would), migrate it, run `fn`, close it. */
export async function withDatabase<T>(
  io: CliIo,
  fn: (ctx: AppContext) => Promise<T>,
  opts: { anchor?: boolean } = {},
): Promise<T> {
  const config = { ...loadConfig(io.env), ...io.configOverrides };
  const db = openDatabase(config);
  try {
    const ctx: AppContext = { db, config, clock: io.clock ?? systemClock };
    const prep = await prepareDatabase(ctx, opts);
    if (prep.admins) io.stderr(`${loginHint(prep).join('\n')}\n`);
    const result = await fn(ctx);
    // Anchor what the command recorded (a signed checkpoint outside the database).
    if (opts.anchor !== false) await writeCheckpoint(ctx);
    return result;
  } finally {
    await db.close();
  }
}
