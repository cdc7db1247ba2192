/** `lantian directory import|export` (issue 8 §3): the unit directory as a CSV or .xlsx table. */
import fs from 'node:fs';
import path from 'node:path';
import { transaction } from '../context.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { planDirectoryImport } from '../modules/directory/directory-import.ts';
import { directoryLines, importDirectory } from '../modules/directory/directory-io.service.ts';
import { directoryCsv, directoryXlsx } from '../modules/directory/directory-table.ts';
import { readSheet } from '../modules/monitoring/sheet.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export const DIRECTORY_USAGE = `  directory export --out FILE.xlsx|FILE.csv
                                        导出单位名录（单位名称、全称、简称/别名、类型、所属分组、上级/所属区、备注）
  directory import FILE [--dry-run]     导入单位名录（CSV/xlsx）：先列出新建、修改与每一处错误（行、列）；
                                        无错误时一次写入（--dry-run 只预览）；有错误时不写入，退出码 1`;

export async function directoryExport(io: CliIo, out: string | undefined): Promise<number> {
  if (!out) throw new CliError(`directory export 需要 --out FILE.xlsx 或 FILE.csv\n\n${DIRECTORY_USAGE}`, 2);
  const format = path.extname(out).toLowerCase();
  if (format !== '.xlsx' && format !== '.csv') throw new CliError('--out：文件名须以 .xlsx 或 .csv 结尾', 2);
  return withDatabase(io, async (ctx) => {
    const lines = await directoryLines(ctx.db.kysely);
    fs.writeFileSync(out, format === '.csv' ? directoryCsv(lines) : await directoryXlsx(lines));
    io.stderr(`已导出 ${lines.length} 个单位到 ${out}\n`);
    return 0;
  });
}

export async function directoryImport(io: CliIo, file: string, dryRun: boolean): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CliError(`无法读取文件：${file}`, 1);
  }
  const name = path.basename(file);
  return withDatabase(io, async (ctx) => {
    const cells = await readSheet(bytes, name);
    const { preview } = await planDirectoryImport(ctx.db.kysely, cells, name);
    for (const c of preview.creates) io.stderr(`第 ${c.line} 行：新建 ${c.name}\n`);
    for (const u of preview.updates)
      io.stderr(
        `第 ${u.line} 行：${u.renamedFrom ? `${u.renamedFrom} 改名为 ${u.after.name}` : `修改 ${u.after.name}`}（${u.changed.join('、')}）\n`,
      );
    for (const p of preview.problems)
      io.stderr(
        `第 ${p.line} 行${p.column ? `“${p.column}”列` : ''}${p.cell ? `（${p.cell}）` : ''}：${p.message}\n`,
      );
    if (preview.problems.length > 0) {
      io.stderr(`${preview.problems.length} 处错误，未导入任何数据\n`);
      return 1;
    }
    if (dryRun) {
      io.stdout(
        `${JSON.stringify({ created: preview.creates.length, updated: preview.updates.length, unchanged: preview.unchanged, groupsCreated: preview.newGroups.length, dryRun: true })}\n`,
      );
      return 0;
    }
    const r = await transaction(ctx, (trx) =>
      importDirectory(ctx, trx, cliActor(), cells, name, preview.digest),
    );
    io.stdout(`${JSON.stringify(r)}\n`);
    return 0;
  });
}
