import { useState } from 'react';
import type { Alert } from '../../../native/api/ops.ts';
import { useReportsView } from '../data/data-context.tsx';
import { useSession } from '../session/session.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { useToasts } from '../ui/toasts.tsx';

const confirmSeverities = ['Minor', 'Moderate', 'Severe', 'Extreme'] as const;
type ConfirmSeverity = (typeof confirmSeverities)[number];

const metres = (m: number) => `${Number(m.toFixed(2))} m`;

/** The reports behind a report alert (count, span, depth) and, for the crisis room, Confirm and Dismiss. */
export function ReportReview({ alert }: { alert: Alert }) {
  const { groups, mayReview } = useReportsView();
  const { call } = useSession();
  const time = useTimeFormat();
  const toasts = useToasts();
  const [severity, setSeverity] = useState<ConfirmSeverity>('Moderate');
  const [busy, setBusy] = useState(false);
  const group = groups?.find((g) => g.alertId === alert.id);
  if (!group) return <p className="report-review-note">The reports behind this alert were received by another node.</p>;

  const review = async (method: 'reports.confirm' | 'reports.dismiss') => {
    setBusy(true);
    try {
      await (method === 'reports.confirm' ? call(method, { groupId: group.id, severity }) : call(method, { groupId: group.id }));
      toasts.info(method === 'reports.confirm' ? `Reports confirmed as ${severity}` : 'Reports dismissed');
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="report-review" aria-labelledby="report-review-title" data-testid="report-review" data-review={group.review}>
      <h4 id="report-review-title">
        {group.count} public report{group.count === 1 ? '' : 's'}
        {group.reconstructed && ' (reconstructed)'}
      </h4>
      <dl className="facts">
        <dt>From</dt>
        <dd>
          {group.count - group.crew} resident{group.count - group.crew === 1 ? '' : 's'}, {group.crew} crew
        </dd>
        <dt>Seen</dt>
        <dd>
          <time title={time.full(group.firstAt)}>{time.short(group.firstAt)}</time> – <time title={time.full(group.lastAt)}>{time.short(group.lastAt)}</time>
        </dd>
        <dt>Depth</dt>
        <dd>
          up to {metres(group.maxDepthM)}; latest {group.latestCategory ? `${group.latestCategory}-deep` : metres(group.latestDepthM)}
        </dd>
        {group.latestText && (
          <>
            <dt>Latest</dt>
            <dd>“{group.latestText}”</dd>
          </>
        )}
      </dl>
      {group.review === 'unconfirmed' && <p className="report-review-note">Unconfirmed public report: nothing is escalated, forecast or tasked on it until the crisis room confirms it.</p>}
      {group.review === 'unconfirmed' && mayReview && (
        <div className="report-review-actions" role="group" aria-label="Review the reports">
          <label>
            Severity{' '}
            <select value={severity} onChange={(e) => setSeverity(e.target.value as ConfirmSeverity)} disabled={busy} data-testid="report-severity">
              {confirmSeverities.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <button type="button" className="button primary" disabled={busy} onClick={() => void review('reports.confirm')} data-testid="report-confirm">
            Confirm
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void review('reports.dismiss')} data-testid="report-dismiss">
            Dismiss reports
          </button>
        </div>
      )}
    </section>
  );
}
