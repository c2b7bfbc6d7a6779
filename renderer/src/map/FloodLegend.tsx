import type { SimRun } from './use-sim-run.ts';
import { cssColor, type Ramp } from './ramps.ts';
import { overlayViews, type OverlayView } from './flood-view.ts';

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

export interface FloodLegendProps {
  view: OverlayView;
  onView(view: OverlayView): void;
  /** The ramp of what is drawn for this view, or null when the view has nothing to show yet. */
  ramp: Ramp | null;
  /** Simulated seconds of what is drawn. */
  time: number | null;
  sim: SimRun;
}

/** The overlay switch (depth / arrival / hazard), the legend, and the simulation's run control. */
export function FloodLegend({ view, onView, ramp, time, sim }: FloodLegendProps) {
  const running = sim.status?.state === 'running' || sim.status?.state === 'loading';
  return (
    <section className="flood-legend" aria-label="Flood overlay">
      <div className="flood-run">
        {running ? (
          <button type="button" onClick={() => void sim.stop()}>
            Stop simulation
          </button>
        ) : (
          <button type="button" onClick={() => void sim.start()} disabled={!sim.status}>
            Run simulation
          </button>
        )}
        <span className="flood-progress" role="status" data-testid="sim-progress">
          {running && sim.progress ? `${clock(sim.progress.time)} / ${clock(sim.progress.durationSeconds)}` : running ? 'starting…' : sim.finished ? `run ${sim.finished.outcome}` : ''}
        </span>
      </div>
      {sim.error && (
        <p className="flood-error" role="alert">
          {sim.error}
        </p>
      )}
      <div className="flood-views" role="radiogroup" aria-label="Overlay">
        {overlayViews.map((option) => (
          <label key={option.view} className={option.view === view ? 'selected' : undefined}>
            <input type="radio" name="flood-view" value={option.view} checked={option.view === view} onChange={() => onView(option.view)} />
            {option.label}
          </label>
        ))}
      </div>
      <div className="flood-legend-title">
        {ramp?.title ?? overlayViews.find((v) => v.view === view)!.label}
        {time !== null && <span className="flood-time"> · t = {clock(time)}</span>}
      </div>
      {ramp ? (
        <ul className="flood-legend-rows" data-testid="flood-legend">
          {ramp.legend.map((row) => (
            <li key={row.label}>
              <span className="swatch" style={{ background: cssColor(row.color) }} />
              {row.label}
            </li>
          ))}
        </ul>
      ) : (
        <p className="flood-legend-empty">{sim.frame || sim.finished ? 'Not available from this run.' : 'No simulation run yet.'}</p>
      )}
    </section>
  );
}
