/** `lantian bulletin`: a plan's monthly bulletin (通报) written to a .docx or .pdf file. */
import fs from 'node:fs';
import { BulletinPeriod } from '@lantian/contract';
import { cliActor } from '../modules/audit/actor.ts';
import { bulletinFile } from '../modules/documents/bulletin.service.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export async function bulletinCommand(
  io: CliIo,
  opts: { plan?: string; period?: string; out?: string },
): Promise<number> {
  if (!opts.plan) throw new CliError('bulletin 需要 --plan 计划ID', 2);
  if (!opts.period || !BulletinPeriod.safeParse(opts.period).success)
    throw new CliError(`--period 应为 YYYY-MM 格式的月份，而不是“${opts.period ?? ''}”`, 2);
  if (!opts.out) throw new CliError('bulletin 需要 --out 文件名.docx 或 文件名.pdf', 2);
  const format = opts.out.toLowerCase().match(/\.(docx|pdf)$/)?.[1] as 'docx' | 'pdf' | undefined;
  if (!format) throw new CliError(`--out 应为 .docx 或 .pdf 文件，而不是“${opts.out}”`, 2);
  const { plan, period, out } = opts;
  return withDatabase(io, async (ctx) => {
    const exists = await ctx.db.kysely
      .selectFrom('plans')
      .select('id')
      .where('id', '=', plan)
      .executeTakeFirst();
    if (!exists) throw new CliError(`没有 id 为 ${plan} 的计划`, 1);
    const t0 = performance.now();
    const file = await bulletinFile(ctx, cliActor(), plan, period, format);
    fs.writeFileSync(out, file.bytes);
    io.stderr(
      `已生成 ${period} 通报：${out}（${file.bytes.length} 字节，${Math.round(performance.now() - t0)} ms）\n`,
    );
    return 0;
  });
}
