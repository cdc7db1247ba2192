import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('LANTIAN_TRUST_PROXY', () => {
  const trust = (v?: string) => loadConfig({ LANTIAN_TRUST_PROXY: v }).trustProxy;

  it('trusts no proxy unless told', () => {
    expect(trust()).toBe(false);
    expect(trust('0')).toBe(false);
  });

  it('reads 1 as a proxy on this machine, never as "every hop"', () => {
    expect(trust('1')).toEqual(['loopback']);
    expect(trust('true')).toEqual(['loopback']);
  });

  it('takes the proxies’ addresses and ranges', () => {
    expect(trust('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
  });

  it('refuses anything else, naming the value', () => {
    expect(() => trust('nginx')).toThrow(ConfigError);
    expect(() => trust('nginx')).toThrow(/nginx/);
    // Hop counts cannot tell a proxy from a client that writes the header itself.
    expect(() => trust('2')).toThrow(ConfigError);
  });
});
