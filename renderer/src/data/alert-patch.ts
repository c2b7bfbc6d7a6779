import type { Alert } from '../../../native/api/ops.ts';

/** Where `alert` goes in a list already in queue order (native's queueRank). */
function insertAt(list: readonly Alert[], alert: Alert): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.queueRank < alert.queueRank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The queue with fresh rows of some alerts put in place and the `gone` ids taken out, as native answered alerts.rows. */
export function patchAlerts(list: readonly Alert[], rows: readonly Alert[], gone: readonly string[]): Alert[] {
  const out = new Set([...gone, ...rows.map((a) => a.id)]);
  const next = list.filter((a) => !out.has(a.id));
  for (const alert of rows) next.splice(insertAt(next, alert), 0, alert);
  return next;
}
