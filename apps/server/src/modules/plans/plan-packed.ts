/**
 * A plan the parse worker sent back as JSON text (`PackedPlan`), read on the main thread without a long
 * stall (issue 8: the import must not block other requests): the measures are parsed a slice of lines at
 * a time with a turn of the event loop between slices, and the plan's stored JSON (`plans.parse_result`)
 * is put together from the same text instead of serialising the plan again.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Measure, Plan } from '@lantian/core';
import type { PackedPlan } from './plan-parse.worker.ts';

/** Measures parsed per turn of the event loop: a few milliseconds. */
export const UNPACK_SLICE = 200;

export async function unpackPlan(packed: PackedPlan): Promise<{ plan: Plan; json: string }> {
  const head = JSON.parse(packed.head) as Omit<Plan, 'measures'>;
  const text = packed.measures;
  const measures: Measure[] = [];
  for (let start = 0; start < text.length && packed.count > 0; ) {
    let end = start;
    for (let n = 0; n < UNPACK_SLICE && end !== -1; n++) end = text.indexOf('\n', end + (n === 0 ? 0 : 1));
    const slice = end === -1 ? text.slice(start) : text.slice(start, end);
    measures.push(...(JSON.parse(`[${slice.replaceAll('\n', ',')}]`) as Measure[]));
    if (end === -1) break;
    start = end + 1;
    await nextTurn();
  }
  if (measures.length !== packed.count)
    throw new Error(`计划解析结果不完整（${measures.length}/${packed.count} 条措施）`);
  await nextTurn();
  const rest = packed.head.slice(1, -1);
  const json = `{${rest}${rest ? ',' : ''}"measures":[${text.replaceAll('\n', ',')}]}`;
  return { plan: { ...head, measures } as Plan, json };
}
