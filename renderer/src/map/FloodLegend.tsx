import { cssColor } from './ramps.ts';
import { overlayViews, rampFor, type FloodGrids, type OverlayView } from './flood-view.ts';

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** The overlay switch (depth / arrival / hazard) and the legend of what is shown. */
export function FloodLegend({ view, onView, flood }: { view: OverlayView; onView(view: OverlayView): void; flood: FloodGrids | null }) {
  const ramp = rampFor(view, flood?.durationSeconds ?? 0);
  const available = flood ? flood[view] !== null : false;
  return (
    <section className="flood-legend" aria-label="Flood overlay">
      <div className="flood-views" role="radiogroup" aria-label="Overlay">
        {overlayViews.map((option) => (
          <label key={option.view} className={option.view === view ? 'selected' : undefined}>
            <input type="radio" name="flood-view" value={option.view} checked={option.view === view} onChange={() => onView(option.view)} />
            {option.label}
          </label>
        ))}
      </div>
      <div className="flood-legend-title">
        {ramp.title}
        {flood && <span className="flood-time"> · t = {clock(flood.time)}</span>}
      </div>
      {available ? (
        <ul className="flood-legend-rows" data-testid="flood-legend">
          {ramp.legend.map((row) => (
            <li key={row.label}>
              <span className="swatch" style={{ background: cssColor(row.color) }} />
              {row.label}
            </li>
          ))}
        </ul>
      ) : (
        <p className="flood-legend-empty">{flood ? 'Not available for this run yet.' : 'No simulation run yet.'}</p>
      )}
    </section>
  );
}
