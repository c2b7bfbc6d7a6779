import type { Alert } from '../../../native/api/ops.ts';

export type ReportTrust = 'unconfirmed' | 'confirmed' | 'dismissed';

/**
 * How far a report alert is trusted: public reports stay below gauges until a crisis-room member
 * confirms them (their certainty becomes Observed). Null for alerts of other sources.
 */
export function reportTrust(alert: Pick<Alert, 'source' | 'certainty' | 'status'>): ReportTrust | null {
  if (alert.source !== 'report') return null;
  if (alert.status === 'dismissed') return 'dismissed';
  return alert.certainty === 'Unknown' ? 'unconfirmed' : 'confirmed';
}

/** The tag a report alert carries in the queue and its details, e.g. "unconfirmed public report". */
export function ReportTrustTag({ trust }: { trust: ReportTrust }) {
  return (
    <span className={`report-trust report-trust-${trust}`} data-testid="report-trust">
      {trust} public report
    </span>
  );
}
