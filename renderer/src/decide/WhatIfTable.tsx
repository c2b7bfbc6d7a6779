import type { WhatIfComparison } from '../../../native/api/decide.ts';
import { useWhatIfOverlay } from '../map/whatif-overlay.tsx';

const minutes = (s: number | null) => (s === null ? '—' : `${s >= 0 ? '+' : ''}${(s / 60).toFixed(1)} min`);

/** One named what-if run and its comparison with the forecast it branches from. */
export interface ComparedWhatIf {
  id: string;
  name: string;
  diff: WhatIfComparison;
}

/** Named what-ifs side by side, a column each: the assets and roads they change (peak before → after,
 * arrival time gained, alert avoided), the roads they close, and a switch to draw each on the map. */
export function WhatIfTable({ whatIfs }: { whatIfs: readonly ComparedWhatIf[] }) {
  const overlay = useWhatIfOverlay();
  const rows = new Map<string, string>();
  for (const w of whatIfs) for (const a of w.diff.assets) rows.set(a.id, a.name);
  const closed = new Map<string, string>();
  for (const w of whatIfs) for (const c of w.diff.closures) closed.set(c.id, c.name);
  return (
    <div className="whatif" data-testid="whatif-result">
      <table className="whatif-table">
        <thead>
          <tr>
            <th scope="col">Asset or road</th>
            {whatIfs.map((w) => (
              <th scope="col" key={w.id}>
                {w.name}{' '}
                <label className="small">
                  <input type="checkbox" checked={overlay.shown?.diff === w.diff} onChange={(e) => overlay.show(e.target.checked ? { name: w.name, diff: w.diff } : null)} data-testid="whatif-on-map" /> map
                </label>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Cells shallower · newly dry · deeper</th>
            {whatIfs.map((w) => (
              <td key={w.id}>
                {w.diff.counts.shallower} · {w.diff.counts.newlyDry} · {w.diff.counts.deeper}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Alerts avoided · answered by closure</th>
            {whatIfs.map((w) => (
              <td key={w.id}>
                {w.diff.alertsAvoided} · {w.diff.alertsCovered}
              </td>
            ))}
          </tr>
          {[...rows].map(([id, name]) => (
            <tr key={id}>
              <th scope="row">{name}</th>
              {whatIfs.map((w) => {
                const a = w.diff.assets.find((x) => x.id === id);
                return (
                  <td key={w.id}>
                    {a ? `${a.basePeak.toFixed(2)} → ${a.peak.toFixed(2)} m · ${minutes(a.arrivalGainedSeconds)}${a.alertAvoided ? ' · alert avoided' : a.alertAdded ? ' · new alert' : ''}` : 'unchanged'}
                  </td>
                );
              })}
            </tr>
          ))}
          {[...closed].map(([id, name]) => (
            <tr key={`closed:${id}`}>
              <th scope="row">{name}</th>
              {whatIfs.map((w) => {
                const c = w.diff.closures.find((x) => x.id === id);
                return <td key={w.id}>{c ? `closed (${c.peakDepth.toFixed(2)} m on it)` : 'open'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
