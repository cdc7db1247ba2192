#!/usr/bin/env node
// The `lantian` command. It runs the CLI straight from its TypeScript sources (through tsx), so it
// works right after `npm ci` with nothing built; the workspace's source condition makes
// `@lantian/core` resolve to its sources too.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@lantian/source"] }); }',
    ),
);
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
