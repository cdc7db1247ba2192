/** `lantian user add`: the password comes from standard input, never from the command line. */
import type { UserRole } from '@lantian/contract';
import { USER_ROLES } from '@lantian/contract';
import { cliActor } from '../modules/audit/actor.ts';
import { unitIdsByNames } from '../modules/plans/plan-review.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export interface UserAddOptions {
  username?: string;
  unit?: string;
  role?: string;
  displayName?: string;
}

export async function userAdd(io: CliIo, opts: UserAddOptions): Promise<number> {
  if (!opts.username || !opts.unit || !opts.role) {
    throw new CliError(
      '用法：npx lantian user add --username U --unit 单位 --role 角色[,角色]（密码从标准输入读取）',
      2,
    );
  }
  const roles = opts.role.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(USER_ROLES as readonly string[]).includes(r));
  if (bad.length > 0)
    throw new CliError(`未知角色：${bad.join(', ')}；可用角色：${USER_ROLES.join(', ')}`, 2);
  if (io.stdinIsTTY) io.stderr('请输入初始密码并回车（用户首次登录须修改）：');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new CliError('没有从标准输入读到密码', 2);
  return withDatabase(io, async (ctx) => {
    const [unitId] = await unitIdsByNames(ctx.db.kysely, [opts.unit as string]);
    const id = await createUser(ctx, cliActor(), {
      username: opts.username as string,
      displayName: opts.displayName,
      unitId: unitId as string,
      roles: roles as UserRole[],
      password,
    });
    io.stdout(`${id}\n`);
    io.stderr(`已创建用户 ${opts.username}（${roles.join(', ')}，${opts.unit}）；首次登录须修改密码\n`);
    return 0;
  });
}
