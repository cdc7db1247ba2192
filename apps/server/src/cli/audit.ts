/** `lantian audit verify` and `lantian audit archive --before DATE`. */
import { cliActor } from '../modules/audit/actor.ts';
import { archiveAudit } from '../modules/audit/audit.archive.ts';
import { verifyAuditChain } from '../modules/audit/audit.verify.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

const KIND_TITLE: Record<string, string> = {
  rewritten: '记录被改写',
  broken_link: '断链',
  forged: '伪造记录',
  missing_records: '记录缺失',
  truncated: '检查点之后被截断',
  wiped: '被清空',
  missing_checkpoint: '缺少检查点',
  bad_checkpoint: '检查点无效',
  bad_archive: '归档无效',
  keying: '密钥边界',
};

export function auditVerifyCommand(io: CliIo): Promise<number> {
  return withDatabase(
    io,
    async (ctx) => {
      const r = await verifyAuditChain(ctx);
      const scope = `共 ${r.checked} 条记录（其中归档 ${r.archived} 条），检查点 ${r.checkpoints} 个`;
      if (r.ok) {
        io.stdout(`审计链完整：${scope}\n`);
        return 0;
      }
      io.stdout(
        `审计链断裂：第一处在第 ${r.firstBroken?.seq} 条记录；${scope}；共 ${r.breaks.length} 处问题：\n`,
      );
      for (const b of r.breaks)
        io.stdout(`  [${KIND_TITLE[b.kind] ?? b.kind}] ${b.reason}${b.id ? `（${b.id}）` : ''}\n`);
      return 1;
    },
    { anchor: false },
  );
}

export function auditArchiveCommand(io: CliIo, opts: { before?: string }): Promise<number> {
  if (!opts.before) throw new CliError('audit archive 需要 --before YYYY-MM-DD', 2);
  const before = opts.before;
  return withDatabase(io, async (ctx) => {
    const r = await archiveAudit(ctx, cliActor(), before);
    if (r.count === 0) io.stdout(`没有早于 ${before} 的审计记录\n`);
    else io.stdout(`已归档第 ${r.fromSeq}–${r.toSeq} 条，共 ${r.count} 条记录：${r.file}\n`);
    return 0;
  });
}
