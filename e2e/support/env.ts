/**
 * Settings shared by the Playwright config (main process), the global setup and the specs (workers).
 * The port and data directory are chosen once in the main process and handed to the workers through
 * the environment, so every process agrees on them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function freePort(): number {
  const out = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ]);
  return Number(String(out).trim());
}

process.env.LANTIAN_E2E_PORT ??= String(freePort());
process.env.LANTIAN_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), 'lantian-e2e-'));

export const PORT = Number(process.env.LANTIAN_E2E_PORT);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const DATA_DIR = process.env.LANTIAN_E2E_DATA as string;
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
export const SEED_FILE = path.join(ROOT, 'e2e', 'fixtures', 'beijing-air-2022.txt');

/** The first administrator's password as the server is started with it (it must be changed at first login). */
export const ADMIN = { username: 'admin', initial: 'Adm1n#Lantian-e2e', password: 'Adm1n#Lantian-e2e-2' };
/** The security administrator (三员分立: it grants the roles of the accounts the administrator opens). */
export const SECADMIN = { username: 'secadmin', initial: 'Sec#Lantian-e2e-1', password: 'Sec#Lantian-e2e-2' };
/** The first audit administrator: never signed in by the specs (they use a seeded auditor account). */
export const AUDITADMIN = { username: 'auditadmin', initial: 'Aud#Lantian-e2e-1' };

/** Passwords of seeded accounts: the initial one, and the one set by the first-login change. */
export const INITIAL_PASSWORD = 'Chushi#2026pw';
/** Accounts the seed leaves unactivated: their spec activates them on the /activate page. */
export const ACTIVATE_LATER = ['newcomer'];
export const PASSWORD = 'Qingtian#2026ok';

export interface SeedUser {
  username: string;
  unit: string;
  roles: string[];
  /** Seeded with the first-login change already done (else the spec goes through it). */
  ready: boolean;
}

export const USERS = {
  supervisor: { username: 'dqb', unit: '市生态环境局', roles: ['supervisor'], ready: true },
  yanqing: { username: 'yanqing', unit: '延庆区政府', roles: ['unit_staff'], ready: true },
  huairou: { username: 'huairou', unit: '怀柔区政府', roles: ['unit_leader'], ready: true },
  auditor: { username: 'shenji', unit: '蓝天系统运维', roles: ['auditor'], ready: true },
  newcomer: { username: 'newcomer', unit: '门头沟区政府', roles: ['unit_staff'], ready: false },
  sessions: { username: 'fangshan', unit: '房山区政府', roles: ['unit_staff'], ready: true },
  // Progress reporting: 延庆区政府's leader signs off; 市市场监管局 leads measure 9.2 and reviews it.
  yanqingLeader: { username: 'yqleader', unit: '延庆区政府', roles: ['unit_leader'], ready: true },
  leadReviewer: { username: 'scjg', unit: '市市场监管局', roles: ['unit_leader'], ready: true },
  // The office's views (office-views.spec.ts): a unit no other spec reports for or sends notices to.
  pinggu: { username: 'pinggu', unit: '平谷区政府', roles: ['unit_staff'], ready: true },
  // The second factor's journey (second-factor.spec.ts) enrols this account; no other spec uses it.
  twoFactor: { username: 'totpviewer', unit: '蓝天系统运维', roles: ['viewer'], ready: true },
  // Problem cases (cases.spec.ts): 通州区政府 answers for the street where the alarm is raised.
  tongzhou: { username: 'tongzhou', unit: '通州区政府', roles: ['unit_staff'], ready: true },
} satisfies Record<string, SeedUser>;

/**
 * A fresh one-time activation code for an account, taken at the server's console as an operator would
 * (`npx lantian user activation-code`): the web never shows one to whoever opened or reset the account.
 */
export async function activationCode(username: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)(
    'npx',
    ['lantian', 'user', 'activation-code', '--username', username],
    {
      cwd: ROOT,
      env: { ...process.env, LANTIAN_DATA_DIR: DATA_DIR },
      timeout: 180_000,
    },
  );
  return stdout.trim();
}
