/** A measure's number as the plan writes it: task 7, measure 2 → `7.2` (never `7-2`). */
export function measureNo(task: number, seq: number): string {
  return `${task}.${seq}`;
}
