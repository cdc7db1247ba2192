/** What a CLI command may touch: streams, environment, and (in tests) a configuration override. */
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  clock?: Clock;
  /** Applied over the configuration read from `env` (tests lower the scrypt cost here). */
  configOverrides?: Partial<Config>;
}

export function processIo(): CliIo {
  // `lantian plan parse … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTTY: !!process.stdin.isTTY,
    env: process.env,
  };
}

/** A command's failure the user can act on: the message goes to stderr, the code becomes the exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
