import type { Alert } from '../api/ops.ts';

const severityRank: Record<Alert['severity'], number> = { Extreme: 4, Severe: 3, Moderate: 2, Minor: 1, Unknown: 0 };
/** Later than any app-clock time, so newer alerts get smaller numbers. */
const timeCeiling = 999_999_999_999_999;

/**
 * Where an alert sorts in the queue, compared as strings: most severe first, then most escalated,
 * then newest, then by id. A renderer puts a patched row in place by it without knowing the rule.
 */
export function alertQueueRank(alert: Pick<Alert, 'id' | 'severity' | 'escalation' | 'raisedAt'>): string {
  const escalation = Math.min(Math.max(Math.trunc(alert.escalation), 0), 9);
  const age = String(timeCeiling - Math.max(0, Math.trunc(alert.raisedAt))).padStart(15, '0');
  return `${4 - severityRank[alert.severity]}${9 - escalation}${age}${alert.id}`;
}
