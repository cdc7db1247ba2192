import type * as Contract from '@lantian/contract';

type Exports = typeof Contract;

/**
 * A response schema by its name in @lantian/contract, for `api.get(…, { schema: schemaOf('X') })`: the
 * contract (zod and every schema built) loads only when a response is checked, which is in development
 * and the tests (see CHECK_RESPONSES in client.ts); a page's code never pulls it in for its own sake.
 */
export const schemaOf =
  <K extends keyof Exports>(name: K) =>
  () =>
    import('@lantian/contract').then((c) => c[name]);
