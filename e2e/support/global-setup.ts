/**
 * Seeds the accounts the specs sign in with, through the API as users would: the system administrator
 * and the security administrator change their initial passwords; the first creates the accounts, the
 * second grants their roles (三员分立); each "ready" account does its first-login password change. No
 * database access behind the server's back. An administrator role (the audit administrator shenji)
 * is granted on the server, as the web refuses to: `npx lantian user roles`, audited. Accounts have no
 * initial password: each owner activates with a one-time code (taken here at the server's console)
 * and sets their own; the newcomer is left to do it in its spec, on the /activate page.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { type APIRequestContext, request } from '@playwright/test';

const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'];

import {
  ACTIVATE_LATER,
  ADMIN,
  ARTIFACTS,
  activationCode,
  BASE_URL,
  DATA_DIR,
  PASSWORD,
  ROOT,
  SECADMIN,
  type SeedUser,
  USERS,
} from './env.ts';

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A signed-in API session; state-changing calls carry the Origin the server's CSRF check expects. */
async function session(username: string, password: string, newPassword?: string) {
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { origin: BASE_URL } });
  const me = await ok<{ mustChangePassword: boolean }>(
    await api.post('/api/v1/auth/login', { data: { username, password } }),
    `login ${username}`,
  );
  if (me.mustChangePassword && newPassword) {
    await ok(
      await api.post('/api/v1/auth/password', { data: { currentPassword: password, newPassword } }),
      `password change ${username}`,
    );
  }
  return api;
}

export default async function globalSetup() {
  mkdirSync(`${ARTIFACTS}/screenshots`, { recursive: true });
  const admin = await session(ADMIN.username, ADMIN.initial, ADMIN.password);
  const secadmin = await session(SECADMIN.username, SECADMIN.initial, SECADMIN.password);
  // The directory is paged: each unit is looked up by its name.
  const unitId = async (name: string) => {
    const { units } = await ok<{ units: { id: string; name: string }[] }>(
      await admin.get(`/api/v1/units?q=${encodeURIComponent(name)}&pageSize=200`),
      `units ${name}`,
    );
    const unit = units.find((u) => u.name === name);
    if (!unit) throw new Error(`unit ${name} is not in the directory`);
    return unit.id;
  };
  for (const user of Object.values(USERS) as SeedUser[]) {
    const { user: created } = await ok<{ user: { id: string } }>(
      await admin.post('/api/v1/users', {
        data: { username: user.username, unitId: await unitId(user.unit) },
      }),
      `create ${user.username}`,
    );
    if (user.roles.some((r) => ADMIN_ROLES.includes(r)))
      await promisify(execFile)(
        'npx',
        ['lantian', 'user', 'roles', '--username', user.username, '--role', user.roles.join(',')],
        {
          cwd: ROOT,
          env: { ...process.env, LANTIAN_DATA_DIR: DATA_DIR },
          timeout: 180_000,
        },
      );
    else
      await ok(
        await secadmin.post(`/api/v1/users/${created.id}/roles`, { data: { roles: user.roles } }),
        `roles of ${user.username}`,
      );
    if (!ACTIVATE_LATER.includes(user.username)) {
      const anonymous = await request.newContext({
        baseURL: BASE_URL,
        extraHTTPHeaders: { origin: BASE_URL },
      });
      await ok(
        await anonymous.post('/api/v1/auth/activate', {
          data: {
            username: user.username,
            code: await activationCode(user.username),
            newPassword: PASSWORD,
          },
        }),
        `activate ${user.username}`,
      );
      await anonymous.dispose();
    }
  }
  await admin.dispose();
  await secadmin.dispose();
}
