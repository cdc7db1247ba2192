import type { CliIo } from '../../src/cli/io.ts';
import { testConfig } from './context.ts';

/** CLI streams captured in memory, pointed at a test database, with the test's cheap scrypt. */
export function cliIo(env: Record<string, string>, stdin = '') {
  let out = '';
  let err = '';
  const config = testConfig();
  const io: CliIo & { out(): string; err(): string } = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readStdin: async () => stdin,
    stdinIsTTY: false,
    env,
    configOverrides: { security: config.security, logLevel: 'silent' },
    out: () => out,
    err: () => err,
  };
  return io;
}
