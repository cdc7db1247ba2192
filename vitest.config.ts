import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@lantian/core': src('./packages/core/src/index.ts'),
      '@lantian/contract/names': src('./packages/contract/src/names.ts'),
      '@lantian/contract/plan-filters': src('./packages/contract/src/plan-filters.ts'),
      '@lantian/contract': src('./packages/contract/src/index.ts'),
      '@lantian/intake': src('./packages/intake/src/index.ts'),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'apps/web/src/**/*.test.{ts,tsx}',
    ],
    pool: 'forks',
    // Each worker imports the modules once for all its files instead of once a file: importing the server
    // (Fastify, Kysely, exceljs, pdfkit, ECharts…) was three quarters of the suite's time (194 s → 96 s on
    // two cores). Every file still makes its own database and app; nothing in the server keeps state
    // keyed other than by ids, paths or instances. A late error of one file surfaces in the next one.
    isolate: false,
    // Server tests wait on their databases as much as they compute: two workers even on two cores.
    maxWorkers: 2,
    testTimeout: 20_000,
    // A world (a database migrated, an app built) takes a second alone and ten under a loaded machine.
    hookTimeout: 30_000,
  },
});
