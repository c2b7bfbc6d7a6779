import type { WhatIfComparison } from '../../../native/api/decide.ts';
import { useWhatIfOverlay } from '../map/whatif-overlay.tsx';

const minutes = (s: number | null) => (s === null ? '—' : `${s >= 0 ? '+' : ''}${(s / 60).toFixed(1)} min`);

/** The assets and roads a what-if run changes against its forecast: peak before → after, arrival time gained, alert avoided. */
export function WhatIfTable({ name, diff }: { name: string; diff: WhatIfComparison }) {
  const overlay = useWhatIfOverlay();
  const onMap = overlay.shown?.diff === diff;
  return (
    <div className="whatif" data-testid="whatif-result">
      <p className="small">
        <strong>{name}</strong>: {diff.counts.shallower} cells shallower, {diff.counts.newlyDry} newly dry, {diff.counts.deeper} deeper · {diff.alertsAvoided} alert(s) avoided{' '}
        <label>
          <input type="checkbox" checked={onMap} onChange={(e) => overlay.show(e.target.checked ? { name, diff } : null)} data-testid="whatif-on-map" /> Show on map
        </label>
      </p>
      {diff.assets.length > 0 && (
        <table className="whatif-table">
          <thead>
            <tr>
              <th scope="col">Asset or road</th>
              <th scope="col">Peak (m)</th>
              <th scope="col">Arrival</th>
              <th scope="col">Alert</th>
            </tr>
          </thead>
          <tbody>
            {diff.assets.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>
                  {a.basePeak.toFixed(2)} → {a.peak.toFixed(2)}
                </td>
                <td>{minutes(a.arrivalGainedSeconds)}</td>
                <td>{a.alertAvoided ? 'avoided' : a.alertAdded ? 'new' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
