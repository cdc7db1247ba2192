import { defineConfig, devices } from '@playwright/test';
import { ADMIN, ARTIFACTS, AUDITADMIN, BASE_URL, DATA_DIR, PORT, ROOT, SECADMIN } from './support/env.ts';

/**
 * Browser tests against a real server: the web app is built, the Lantian server started on a free port
 * with an empty SQLite database in a temporary directory, and accounts seeded through the API
 * (support/global-setup.ts). Debian's Chromium is used; Playwright downloads no browser.
 *
 * LANTIAN_E2E_SKIP_BUILD=1 reuses an existing apps/web/dist.
 */
const chromium = {
  ...devices['Desktop Chrome'],
  // 1366×768: the most common screen in the units' offices.
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

const build = process.env.LANTIAN_E2E_SKIP_BUILD === '1' ? '' : 'npm run build -w @lantian/web && ';

export default defineConfig({
  testDir: './specs',
  outputDir: `${ARTIFACTS}/test-results`,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  // Two browsers, the server and its scrypt logins share two cores in CI: pages get a little longer.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: `${ARTIFACTS}/report`, open: 'never' }]],
  globalSetup: './support/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    acceptDownloads: true,
  },
  webServer: {
    command: `${build}node --conditions=@lantian/source --import tsx apps/server/src/main.ts`,
    cwd: ROOT,
    url: `${BASE_URL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LANTIAN_DATA_DIR: DATA_DIR,
      LANTIAN_ADMIN_PASSWORD: ADMIN.initial,
      LANTIAN_SECADMIN_PASSWORD: SECADMIN.initial,
      LANTIAN_AUDITOR_PASSWORD: AUDITADMIN.initial,
      LANTIAN_LOG_LEVEL: 'warn',
      // The server's clock is the real one (the seed plan is of 2022, so its dates have all passed);
      // the daily jobs run only when a spec runs them (`npx lantian jobs run --at …`), never behind it.
      LANTIAN_JOBS_INTERVAL_MINUTES: '0',
      // The journeys sign the administrators and the office in with a password; the second factor's
      // own journey (second-factor.spec.ts) enrols an account, which must then give its code.
      LANTIAN_SECOND_FACTOR: 'optional',
      // Journeys running side by side sign the same office account in many times over (in an office,
      // different people); the default of 5 sessions an account would end the oldest mid-journey.
      LANTIAN_MAX_SESSIONS: '50',
    },
  },
  projects: [
    // A supervisor imports the seed plan, decides 相关区政府 and publishes it.
    { name: 'publish', testMatch: /import-publish\.spec\.ts/, use: chromium },
    // What units see of the published plan.
    { name: 'units', testMatch: /unit-work\.spec\.ts/, dependencies: ['publish'], use: chromium },
    // Reporting and supervision on the published plan: report, sign-off, review, board, notice,
    // extension, closure, reminders.
    { name: 'supervision', testMatch: /supervision\.spec\.ts/, dependencies: ['publish'], use: chromium },
    // The office's views on the published plan: the dashboard's lights, the dense and grouped board with
    // one notice to several units, and the report page's validation and way back to a closure draft.
    { name: 'office', testMatch: /office-views\.spec\.ts/, dependencies: ['publish'], use: chromium },
    // Own-unit sign-off of requests on the published plan: the office switches it on, a unit's extension
    // request waits for its leader, and only then reaches the lead unit and the office. It switches the
    // shared plan's setting for a moment, so it runs after the journeys that file requests on that plan.
    {
      name: 'signoff',
      testMatch: /request-signoff\.spec\.ts/,
      dependencies: ['publish', 'supervision', 'office'],
      use: chromium,
    },
    // The office's monthly bulletin on the published plan: preview, edit the opening, download the .docx.
    { name: 'documents', testMatch: /documents\.spec\.ts/, dependencies: ['publish'], use: chromium },
    // Measured data on the published plan: an indicator, values, the ranking, a rule, a proposal confirmed.
    { name: 'monitoring', testMatch: /monitoring\.spec\.ts/, dependencies: ['publish'], use: chromium },
    // Problem cases, independent of the plan: an alarm pushed with an API key, verified, dispatched,
    // signed, rectified with a photo, closed.
    { name: 'cases', testMatch: /cases\.spec\.ts/, use: chromium },
    // The import wizard on its own small table: drop a file, change a column's role, get the draft.
    { name: 'wizard', testMatch: /import-wizard\.spec\.ts/, use: chromium },
    // Independent of the plan: sign-in flows, access control.
    { name: 'access', testMatch: /(auth|access|second-factor)\.spec\.ts/, use: chromium },
    // The unit directory edited on 单位管理: a unit of its own renamed, disabled, its history read; a CSV imported.
    { name: 'directory', testMatch: /unit-directory\.spec\.ts/, use: chromium },
  ],
});
