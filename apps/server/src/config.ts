/**
 * Configuration: the only module that reads process.env. Every variable is documented here; every
 * security number has its default here and nowhere else.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ScryptParams {
  /** CPU/memory cost (a power of two). */
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

export interface SecurityConfig {
  scrypt: ScryptParams;
  passwordMinLength: number;
  passwordMaxLength: number;
  /** Of lower case, upper case, digits and symbols, how many a password must use. */
  passwordMinClasses: number;
  /** LANTIAN_PASSWORD_MIN_SCORE: least zxcvbn strength score (0–4) a new password must reach. */
  passwordMinScore: number;
  /** The last N passwords may not be reused. */
  passwordHistory: number;
  /** Days before a password must be changed; 0 turns expiry off. */
  passwordMaxAgeDays: number;
  /** Consecutive failures that lock an account name. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Failed logins from one address within the window before that address is refused. */
  ipFailureLimit: number;
  ipWindowMinutes: number;
  /** Plan imports one account may start in ten minutes. */
  importsPerTenMinutes: number;
  /** Exports (board CSV, Excel lists) one account may make in ten minutes. */
  exportsPerTenMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** A session's last-seen time is written only when older than this (saves a write per request). */
  sessionTouchSeconds: number;
  /** Send cookies with `Secure` (set it behind TLS). */
  cookieSecure: boolean;
  /**
   * LANTIAN_SECOND_FACTOR: `required` (default) — the three administrators, supervisors and the roles of
   * the security administrator's policy must enrol a TOTP factor before they can act; `optional` —
   * nobody must (development and automated tests only). An enrolled account gives its code either way.
   */
  secondFactor: 'required' | 'optional';
  /** Minutes a login's second step (after a correct password) stays open. */
  challengeMinutes: number;
  /** Wrong codes one challenge takes before the password must be given again. */
  challengeMaxFailures: number;
  /** LANTIAN_MAX_SESSIONS: concurrent sessions per account; a new login ends the oldest beyond it. */
  maxSessions: number;
}

/** Progress reporting and supervision: time rules, reminders, evidence limits, e-mail. */
export interface SupervisionConfig {
  /** A milestone or deadline this many days ahead and not done turns yellow. */
  dueSoonDays: number;
  /** A report missing this many days after its due day turns red. */
  reportRedAfterDays: number;
  /** LANTIAN_REMINDER_DAYS: default days before a milestone or deadline that a reminder goes out (a plan may set its own). */
  reminderDays: number[];
  /** LANTIAN_JOBS_INTERVAL_MINUTES: how often the server runs the reminder, escalation and status jobs; 0 turns it off. */
  jobsIntervalMinutes: number;
  /** How long one instance holds the jobs lease before another may take over. */
  jobsLeaseSeconds: number;
  /** LANTIAN_EVIDENCE_MAX_BYTES: largest evidence file (default 20 MiB). */
  evidenceMaxBytes: number;
  /** Evidence files per report, notice, closure or extension request. */
  evidenceMaxFiles: number;
  /**
   * Office files (zip): most entries, total inflated size (LANTIAN_EVIDENCE_MAX_INFLATED_BYTES, default
   * 64 MiB: what the directory claims and what really inflates, nested zips included) and ratio accepted.
   */
  zipMaxEntries: number;
  zipMaxInflatedBytes: number;
  zipMaxRatio: number;
  /** LANTIAN_SMTP_URL: smtp://user:pass@host:587 or smtps://…:465; unset, no e-mail is sent. */
  smtpUrl: string | undefined;
  /** LANTIAN_MAIL_FROM: the sender address of reminder e-mails. */
  mailFrom: string;
  /** Attempts before an e-mail is given up (each failure waits longer). */
  mailMaxAttempts: number;
}

export const defaultSupervision: SupervisionConfig = {
  dueSoonDays: 7,
  reportRedAfterDays: 10,
  reminderDays: [7, 3, 1],
  jobsIntervalMinutes: 15,
  jobsLeaseSeconds: 300,
  evidenceMaxBytes: 20 * 1024 * 1024,
  evidenceMaxFiles: 20,
  zipMaxEntries: 5000,
  zipMaxInflatedBytes: 64 * 1024 * 1024,
  zipMaxRatio: 200,
  smtpUrl: undefined,
  mailFrom: 'lantian@localhost',
  mailMaxAttempts: 8,
};

/**
 * Data safety: the keys kept outside the database, the audit trail's anchors and archive, backups, TLS.
 * Paths default to places under LANTIAN_DATA_DIR; the keys are created there (mode 0600) on first start.
 */
export interface SafetyConfig {
  /** LANTIAN_AUDIT_KEY: the audit chain's HMAC key, hex (at least 32 bytes); overrides the key file. */
  auditKey: string | undefined;
  /** LANTIAN_AUDIT_KEY_FILE: where the audit key lives (default <data>/keys/audit.key). */
  auditKeyFile: string;
  /** LANTIAN_DATA_KEY: the key that encrypts contact data at rest, hex (32 bytes); overrides the key file. */
  dataKey: string | undefined;
  /** LANTIAN_DATA_KEY_FILE: where the data key lives (default <data>/keys/data.key). */
  dataKeyFile: string;
  /** LANTIAN_SECRET_KEY: the key that encrypts second-factor secrets (AES-256-GCM), hex (32 bytes); overrides the file. */
  secretKey: string | undefined;
  /** LANTIAN_SECRET_KEY_FILE: where the secret key lives (default <data>/keys/secret.key). */
  secretKeyFile: string;
  /** LANTIAN_AUDIT_CHECKPOINT_DIR: signed checkpoints of the audit chain (default <data>/audit-checkpoints). */
  checkpointDir: string;
  /** A checkpoint is written at least every this many audit records... */
  checkpointEveryRecords: number;
  /** ...and by the safety job every LANTIAN_AUDIT_CHECKPOINT_MINUTES when records were added (0: only by count). */
  checkpointMinutes: number;
  /** LANTIAN_SYSLOG_URL: udp://host:port — each checkpoint is also sent there (RFC 5424). */
  syslogUrl: string | undefined;
  /** LANTIAN_AUDIT_ARCHIVE_DIR: signed archive files of old audit records (default <data>/audit-archive). */
  archiveDir: string;
  /** Audit records younger than this many days are never archived (网络安全法 §21: at least 180). */
  auditRetentionDays: number;
  /** LANTIAN_BACKUP_DIR: scheduled backups (default <data>/backups). */
  backupDir: string;
  /** LANTIAN_BACKUP_INTERVAL_HOURS: hours between scheduled backups; 0 (default) turns them off. */
  backupIntervalHours: number;
  /** LANTIAN_BACKUP_KEEP: scheduled backups kept; older ones are deleted (default 7). */
  backupKeep: number;
  /** LANTIAN_TLS_CERT / LANTIAN_TLS_KEY: PEM files; both set, the server speaks HTTPS itself. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
}

export interface Config {
  /** PORT: HTTP port (default 8080). */
  port: number;
  /** HOST: address to listen on (default 127.0.0.1: the first start prints one-time administrator passwords; set 0.0.0.0 to serve a network). */
  host: string;
  /** LANTIAN_DATA_DIR: where the SQLite database lives (default ./data). */
  dataDir: string;
  /** DATABASE_URL: postgres://… to use PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  /** LANTIAN_ADMIN_PASSWORD: the first administrator's password (else one is generated and printed once). */
  adminPassword: string | undefined;
  /** LANTIAN_SECADMIN_PASSWORD / LANTIAN_AUDITOR_PASSWORD: the first security and audit administrators' passwords. */
  secadminPassword: string | undefined;
  auditorPassword: string | undefined;
  /** LANTIAN_WEB_DIST: the built web app to serve (default apps/web/dist). */
  webDistDir: string;
  /** LANTIAN_ALLOWED_ORIGINS: comma-separated origins allowed to send state-changing requests besides the server's own. */
  allowedOrigins: string[];
  /**
   * LANTIAN_TRUST_PROXY: the reverse proxies to believe about the client's address and protocol, by
   * address or CIDR range (or proxy-addr's names loopback, linklocal, uniquelocal); `1` means a proxy on
   * this machine (loopback). Behind them the client is the address the nearest untrusted hop appended
   * to X-Forwarded-For, never what the client wrote there itself. Unset or 0: the socket's address.
   */
  trustProxy: false | string[];
  /** LANTIAN_UPLOAD_MAX_BYTES: largest plan document accepted (default 5 MiB). */
  uploadMaxBytes: number;
  /** LANTIAN_LOG_LEVEL: fastify log level (default info; silent in tests). */
  logLevel: string;
  /**
   * LANTIAN_ACCESS_LOG=1: log every request and response (off by default: it halves throughput, and
   * security events are in the audit trail; slow and failed requests are logged either way).
   */
  accessLog: boolean;
  /**
   * LANTIAN_STRICT_READS=1 (PostgreSQL): check read scopes with the database on every cached read instead
   * of the instance's LISTEN mirror. Changes made on another instance are then seen at once rather than
   * milliseconds later, at the cost of a round trip per request.
   */
  strictReads: boolean;
  /**
   * LANTIAN_API_DOCS: the OpenAPI page at /api/docs — `login` (default: only for a signed-in user) or
   * `off` (not served at all).
   */
  apiDocs: 'login' | 'off';
  security: SecurityConfig;
  supervision: SupervisionConfig;
  safety: SafetyConfig;
}

export const defaultSecurity: SecurityConfig = {
  scrypt: { N: 2 ** 15, r: 8, p: 1, keyLength: 32 },
  passwordMinLength: 8,
  passwordMaxLength: 128,
  passwordMinClasses: 3,
  passwordMinScore: 3,
  passwordHistory: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  ipFailureLimit: 30,
  ipWindowMinutes: 15,
  importsPerTenMinutes: 20,
  exportsPerTenMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  sessionTouchSeconds: 60,
  cookieSecure: false,
  secondFactor: 'required',
  challengeMinutes: 5,
  challengeMaxFailures: 5,
  maxSessions: 5,
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/web/dist, from both src/ (tsx) and dist/ (built). */
const defaultWebDist = path.resolve(here, '../../web/dist');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`环境变量 ${name}="${raw}" 应为不小于 ${min} 的整数`);
  return n;
}

function dayList(env: Record<string, string | undefined>, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const days = raw.split(',').map((s) => Number(s.trim()));
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 90))
    throw new ConfigError(`环境变量 ${name}="${raw}" 应为 1 到 90 之间的整数，用逗号分隔（如 7,3,1）`);
  return [...new Set(days)].sort((a, b) => b - a);
}

function flag(env: Record<string, string | undefined>, name: string): boolean {
  const raw = env[name];
  return raw === '1' || raw === 'true' || raw === 'yes';
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustedProxies(raw: string | undefined): false | string[] {
  const v = raw?.trim() ?? '';
  if (v === '' || v === '0' || v === 'false' || v === 'no') return false;
  if (v === '1' || v === 'true' || v === 'yes') return ['loopback'];
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = list.find(
    (x) => !PROXY_NAMES.includes(x) && !/^[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*(\/\d{1,3})?$/.test(x),
  );
  if (bad)
    throw new ConfigError(
      `LANTIAN_TRUST_PROXY 的值“${bad}”无效：应为反向代理的地址或网段（如 10.0.0.1,10.1.0.0/16），或 1（代理在本机）`,
    );
  return list;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^smtps?:\/\/[^/]+/.test(raw))
    throw new ConfigError('LANTIAN_SMTP_URL 应形如 smtp://用户:密码@主机:587 或 smtps://用户:密码@主机:465');
  return raw;
}

function apiDocsSetting(raw: string | undefined): 'login' | 'off' {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'login') return 'login';
  if (v === 'off' || v === '0' || v === 'false' || v === 'no') return 'off';
  throw new ConfigError(`LANTIAN_API_DOCS="${raw}" 无效：应为 login（登录后可见，默认）或 off（不提供）`);
}

function secondFactorSetting(raw: string | undefined): 'required' | 'optional' {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'required') return 'required';
  if (v === 'optional') return 'optional';
  throw new ConfigError(
    `LANTIAN_SECOND_FACTOR="${raw}" 无效：应为 required（三员、市级办公室须启用双因素，默认）或 optional（仅供开发与自动化测试）`,
  );
}

function syslogUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^udp:\/\/[^/:]+:\d+\/?$/.test(raw)) throw new ConfigError('LANTIAN_SYSLOG_URL 应形如 udp://主机:514');
  return raw;
}

function hexKey(env: Record<string, string | undefined>, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[0-9a-fA-F]{64,}$/.test(raw) || raw.length % 2 !== 0)
    throw new ConfigError(`环境变量 ${name} 应为至少 64 位十六进制字符（32 字节）的密钥`);
  return raw.toLowerCase();
}

function safetyConfig(env: Record<string, string | undefined>, dataDir: string): SafetyConfig {
  const under = (name: string, fallback: string) => path.resolve(env[name] || path.join(dataDir, fallback));
  const tlsCert = env.LANTIAN_TLS_CERT || undefined;
  const tlsKey = env.LANTIAN_TLS_KEY || undefined;
  if (!!tlsCert !== !!tlsKey)
    throw new ConfigError('LANTIAN_TLS_CERT 与 LANTIAN_TLS_KEY 须同时设置（证书与私钥的 PEM 文件）');
  return {
    auditKey: hexKey(env, 'LANTIAN_AUDIT_KEY'),
    auditKeyFile: under('LANTIAN_AUDIT_KEY_FILE', 'keys/audit.key'),
    dataKey: hexKey(env, 'LANTIAN_DATA_KEY'),
    dataKeyFile: under('LANTIAN_DATA_KEY_FILE', 'keys/data.key'),
    secretKey: hexKey(env, 'LANTIAN_SECRET_KEY'),
    secretKeyFile: under('LANTIAN_SECRET_KEY_FILE', 'keys/secret.key'),
    checkpointDir: under('LANTIAN_AUDIT_CHECKPOINT_DIR', 'audit-checkpoints'),
    checkpointEveryRecords: int(env, 'LANTIAN_AUDIT_CHECKPOINT_RECORDS', 100, 1),
    checkpointMinutes: int(env, 'LANTIAN_AUDIT_CHECKPOINT_MINUTES', 15),
    syslogUrl: syslogUrl(env.LANTIAN_SYSLOG_URL),
    archiveDir: under('LANTIAN_AUDIT_ARCHIVE_DIR', 'audit-archive'),
    auditRetentionDays: 180,
    backupDir: under('LANTIAN_BACKUP_DIR', 'backups'),
    backupIntervalHours: int(env, 'LANTIAN_BACKUP_INTERVAL_HOURS', 0),
    backupKeep: int(env, 'LANTIAN_BACKUP_KEEP', 7, 1),
    tlsCert: tlsCert && path.resolve(tlsCert),
    tlsKey: tlsKey && path.resolve(tlsKey),
  };
}

/** Read and validate the environment once, at start. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL 应以 postgres:// 开头（不设置则使用 SQLite）');
  }
  const dataDir = path.resolve(env.LANTIAN_DATA_DIR || './data');
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl,
    adminPassword: env.LANTIAN_ADMIN_PASSWORD || undefined,
    secadminPassword: env.LANTIAN_SECADMIN_PASSWORD || undefined,
    auditorPassword: env.LANTIAN_AUDITOR_PASSWORD || undefined,
    webDistDir: path.resolve(env.LANTIAN_WEB_DIST || defaultWebDist),
    allowedOrigins: (env.LANTIAN_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    trustProxy: trustedProxies(env.LANTIAN_TRUST_PROXY),
    uploadMaxBytes: int(env, 'LANTIAN_UPLOAD_MAX_BYTES', 5 * 1024 * 1024, 1024),
    logLevel: env.LANTIAN_LOG_LEVEL || 'info',
    accessLog: flag(env, 'LANTIAN_ACCESS_LOG'),
    strictReads: flag(env, 'LANTIAN_STRICT_READS'),
    apiDocs: apiDocsSetting(env.LANTIAN_API_DOCS),
    security: {
      ...defaultSecurity,
      sessionIdleMinutes: int(env, 'LANTIAN_SESSION_IDLE_MINUTES', defaultSecurity.sessionIdleMinutes, 1),
      sessionAbsoluteHours: int(
        env,
        'LANTIAN_SESSION_ABSOLUTE_HOURS',
        defaultSecurity.sessionAbsoluteHours,
        1,
      ),
      passwordMaxAgeDays: int(env, 'LANTIAN_PASSWORD_MAX_AGE_DAYS', defaultSecurity.passwordMaxAgeDays),
      passwordHistory: int(env, 'LANTIAN_PASSWORD_HISTORY', defaultSecurity.passwordHistory),
      passwordMinScore: Math.min(4, int(env, 'LANTIAN_PASSWORD_MIN_SCORE', defaultSecurity.passwordMinScore)),
      cookieSecure: flag(env, 'LANTIAN_COOKIE_SECURE'),
      secondFactor: secondFactorSetting(env.LANTIAN_SECOND_FACTOR),
      maxSessions: int(env, 'LANTIAN_MAX_SESSIONS', defaultSecurity.maxSessions, 1),
    },
    supervision: {
      ...defaultSupervision,
      reminderDays: dayList(env, 'LANTIAN_REMINDER_DAYS', defaultSupervision.reminderDays),
      jobsIntervalMinutes: int(env, 'LANTIAN_JOBS_INTERVAL_MINUTES', defaultSupervision.jobsIntervalMinutes),
      evidenceMaxBytes: int(env, 'LANTIAN_EVIDENCE_MAX_BYTES', defaultSupervision.evidenceMaxBytes, 1024),
      zipMaxInflatedBytes: int(
        env,
        'LANTIAN_EVIDENCE_MAX_INFLATED_BYTES',
        defaultSupervision.zipMaxInflatedBytes,
        1024 * 1024,
      ),
      smtpUrl: smtpUrl(env.LANTIAN_SMTP_URL),
      mailFrom: env.LANTIAN_MAIL_FROM || defaultSupervision.mailFrom,
    },
    safety: safetyConfig(env, dataDir),
  };
}
