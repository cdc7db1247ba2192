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
    // Server tests wait on their databases as much as they compute: two workers even on two cores.
    maxWorkers: 2,
    testTimeout: 20_000,
    // A world (a database migrated, an app built) takes a second alone and ten under a loaded machine.
    hookTimeout: 30_000,
  },
});
