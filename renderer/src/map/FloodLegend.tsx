import { useEffect, useState } from 'react';
import type { SimAssetRisk } from '../../../native/api/sim.ts';
import { AssetRiskList } from './AssetRiskList.tsx';
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
  /** The ramp of what is drawn for this view, or null while nothing of it is drawn. */
  ramp: Ramp | null;
  /** The scenario's assets at the shown time, or null before any run. */
  assets: readonly SimAssetRisk[] | null;
  onFocusAsset(id: string): void;
  /** Simulated seconds of what is drawn. */
  time: number | null;
  sim: SimRun;
  /** The replayed frame's index, or null to follow the run. */
  replayIndex: number | null;
  onReplay(index: number | null): void;
}

/** Steps through the run's frames, five a second, from the one shown to the newest. */
function usePlayback(sim: SimRun, replayIndex: number | null, onReplay: (index: number | null) => void) {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (replayIndex === null || replayIndex >= sim.frames.length - 1) {
        setPlaying(false);
        onReplay(null);
      } else onReplay(replayIndex + 1);
    }, 200);
    return () => clearInterval(timer);
  }, [playing, replayIndex, sim.frames.length, onReplay]);
  return { playing, setPlaying };
}

/** The overlay switch (depth / arrival / hazard), the legend, the simulation's run control and the
 * assets at risk. */
export function FloodLegend({ view, onView, ramp, assets, onFocusAsset, time, sim, replayIndex, onReplay }: FloodLegendProps) {
  const running = sim.status?.state === 'running' || sim.status?.state === 'loading';
  const { playing, setPlaying } = usePlayback(sim, replayIndex, onReplay);
  // Folds away so the water under it shows; the run goes on.
  const [open, setOpen] = useState(true);
  const last = sim.frames.length - 1;
  if (!open)
    return (
      <section className="flood-legend is-folded" aria-label="Flood overlay">
        <button type="button" aria-expanded={false} onClick={() => setOpen(true)} data-testid="flood-panel-toggle">
          Flood panel{running && sim.progress ? ` · ${clock(sim.progress.time)}` : ''}
        </button>
      </section>
    );
  return (
    <section className="flood-legend" aria-label="Flood overlay">
      <button type="button" className="flood-legend-fold" aria-expanded onClick={() => setOpen(false)} aria-label="Fold the flood panel away" data-testid="flood-panel-toggle">
        ▾
      </button>
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
      {last > 0 && (
        <div className="flood-replay">
          <button
            type="button"
            onClick={() => {
              if (!playing && (replayIndex === null || replayIndex >= last)) onReplay(0);
              setPlaying(!playing);
            }}
          >
            {playing ? 'Pause' : 'Replay'}
          </button>
          <input
            type="range"
            min={0}
            max={last}
            value={replayIndex ?? last}
            aria-label="Frame of the run"
            onChange={(e) => {
              setPlaying(false);
              const index = Number(e.target.value);
              onReplay(index >= last ? null : index);
            }}
          />
          <button type="button" onClick={() => (setPlaying(false), onReplay(null))} disabled={replayIndex === null}>
            Latest
          </button>
        </div>
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
          {ramp.stops.map((row) => (
            <li key={row.label}>
              <span className="swatch" style={{ background: cssColor(row.color) }} />
              {row.label}
            </li>
          ))}
        </ul>
      ) : (
        <p className="flood-legend-empty">{sim.frame ? 'Drawing…' : sim.finished ? 'This run left no map frames.' : 'No simulation run yet.'}</p>
      )}
      <AssetRiskList assets={assets} onFocus={onFocusAsset} />
    </section>
  );
}
