import { cssColor, whatIfRamp } from './ramps.ts';
import type { ShownWhatIf } from './whatif-overlay.tsx';

/** The legend of the what-if difference on the map, with a switch to take it off. */
export function WhatIfLegend({ shown, onHide }: { shown: ShownWhatIf; onHide(): void }) {
  const { counts } = shown.diff;
  const cells = [counts.deeper, counts.shallower, counts.newlyDry, counts.newlyWet];
  return (
    <section className="whatif-legend" aria-label="What-if difference" data-testid="whatif-legend">
      <div className="flood-legend-title">
        {whatIfRamp.title}: {shown.name}
      </div>
      <ul className="flood-legend-rows">
        {whatIfRamp.stops.map((row, k) => (
          <li key={row.label}>
            <span className="swatch" style={{ background: cssColor(row.color) }} />
            {row.label} ({cells[k]} cells)
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onHide}>
        Hide
      </button>
    </section>
  );
}
