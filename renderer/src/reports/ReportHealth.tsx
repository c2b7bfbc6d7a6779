import { useEffect, useState } from 'react';
import type { QuarantinedReport } from '../../../native/api/reports.ts';
import { useDataLayer, useReportsView } from '../data/data-context.tsx';
import { useClock } from '../shell/clock-context.tsx';

const ago = (now: number | null, at: number) => (now === null ? '—' : `${Math.max(0, Math.round((now - at) / 1000))} s ago`);

/** Citizen and field reports on this node: received = accepted + quarantined, how many groups, and the refused reports with their reasons. */
export function ReportHealth() {
  const { read } = useDataLayer();
  const { groups, counts, error } = useReportsView();
  const now = useClock()?.now ?? null;
  const [showQuarantine, setShowQuarantine] = useState(false);
  const [quarantine, setQuarantine] = useState<QuarantinedReport[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!showQuarantine) return;
    let stopped = false;
    read('reports.quarantine', { limit: 100 }).then(
      (q) => !stopped && (setQuarantine(q), setProblem(null)),
      (err: Error) => !stopped && setProblem(err.message),
    );
    return () => {
      stopped = true;
    };
  }, [read, showQuarantine, counts?.quarantined]);

  const open = groups?.filter((g) => g.review === 'unconfirmed').length ?? 0;
  return (
    <section className="sensor-health" aria-label="Public reports" data-testid="report-health">
      <h3>Public reports</h3>
      {(error ?? problem) && <p className="placeholder">Public reports unavailable: {error ?? problem}</p>}
      {counts && (
        <p data-testid="report-counts">
          Received {counts.received.toLocaleString('en')} = accepted {counts.accepted.toLocaleString('en')} + quarantined {counts.quarantined.toLocaleString('en')}; {groups?.length ?? 0} places, {open} unconfirmed
        </p>
      )}
      <button type="button" className="button" aria-expanded={showQuarantine} onClick={() => setShowQuarantine((v) => !v)} data-testid="report-quarantine-toggle">
        {showQuarantine ? 'Hide refused reports' : 'Show refused reports'}
      </button>
      {showQuarantine && quarantine && (
        <ul className="quarantine-list" aria-label="Refused reports" data-testid="report-quarantine-list">
          {quarantine.length === 0 && <li>No report refused.</li>}
          {quarantine.map((q) => (
            <li key={q.id}>
              <strong>{q.origin}</strong> — {q.reason} <span>({ago(now, q.receivedAt)})</span>
              <code>{q.payload}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
