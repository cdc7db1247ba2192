/**
 * Every text field a client sends refuses control characters at the contract layer (issue 13 item 5: a
 * NUL was a 500 on PostgreSQL). Walks every request schema the contract exports — the strict objects
 * (requests refuse unknown fields) and those named …Request, …Query, …Params, …Input — down to each
 * string, and checks that a NUL in it is refused, whatever else the field requires.
 */
import * as contract from '@lantian/contract';
import { describe, expect, it } from 'vitest';

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: { _zod: { def: Def } };
  innerType?: unknown;
  element?: unknown;
  options?: unknown[];
  left?: unknown;
  right?: unknown;
  keyType?: unknown;
  valueType?: unknown;
  in?: unknown;
  items?: unknown[];
  getter?: () => unknown;
}
interface Schema {
  _zod: { def: Def };
  safeParse(v: unknown): { success: boolean };
}
const isSchema = (s: unknown): s is Schema =>
  typeof s === 'object' && s !== null && '_zod' in s && 'safeParse' in s;

/** Paths of the string fields under `s` that take a NUL. */
function acceptingNul(s: unknown, path: string, seen = new Set<unknown>()): string[] {
  if (!isSchema(s) || seen.has(s)) return [];
  seen.add(s);
  const d = s._zod.def;
  const under = (x: unknown, p: string) => acceptingNul(x, p, seen);
  switch (d.type) {
    case 'string':
      return s.safeParse('ab\u0000').success ? [path] : [];
    case 'object':
      return Object.entries(d.shape ?? {}).flatMap(([k, v]) => under(v, `${path}.${k}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      return under(d.innerType, path);
    case 'array':
      return under(d.element, `${path}[]`);
    case 'union':
      return (d.options ?? []).flatMap((o, i) => under(o, `${path}|${i}`));
    case 'intersection':
      return [...under(d.left, path), ...under(d.right, path)];
    case 'record':
      return [...under(d.keyType, `${path}{key}`), ...under(d.valueType, `${path}{}`)];
    case 'pipe':
      return under(d.in, path);
    case 'tuple':
      return (d.items ?? []).flatMap((o, i) => under(o, `${path}[${i}]`));
    case 'lazy':
      return d.getter ? under(d.getter(), path) : [];
    default:
      return [];
  }
}

const isRequest = (name: string, s: Schema) =>
  /(Request|Query|Params|Input|Patch)$/.test(name) ||
  (s._zod.def.type === 'object' && s._zod.def.catchall?._zod.def.type === 'never');

const requests = Object.entries(contract).filter(
  (e): e is [string, Schema] => isSchema(e[1]) && isRequest(e[0], e[1]),
);

describe('request text fields', () => {
  it('are found: the walk sees the request schemas and their strings', () => {
    expect(requests.length).toBeGreaterThan(50);
    const names = requests.map(([n]) => n);
    expect(names).toEqual(
      expect.arrayContaining(['LoginRequest', 'ValuePushRequest', 'WithdrawPlanRequest']),
    );
    // The walk reaches strings nested in arrays and objects (a plain string schema is found too).
    expect(acceptingNul(contract.ValuePushRequest.shape.values, 'values')).toEqual([]);
    expect(
      acceptingNul({ _zod: { def: { type: 'string' } }, safeParse: () => ({ success: true }) }, 'x'),
    ).toEqual(['x']);
  });

  it('refuse a NUL in every string of every request schema', () => {
    const accepting = requests.flatMap(([name, s]) => acceptingNul(s, name));
    expect(accepting).toEqual([]);
  });
});
