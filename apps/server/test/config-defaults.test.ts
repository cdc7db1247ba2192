/** Defaults that matter for safety: the embedded server listens only on this machine unless told otherwise. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('listening address', () => {
  it('is 127.0.0.1 by default (the first start prints one-time passwords), HOST for a deployment', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});
