import { useEffect, useRef, useState } from 'react';
import { gaugeLevel, type GaugeInfo, type GaugeSeries } from './gauge-series.ts';
import { Hydrograph } from './Hydrograph.tsx';
import './gauges.css';

const levelLabel = ['normal', 'warning', 'danger'] as const;

/** A live sensor's latest reading at a gauge. */
export interface LiveReading {
  value: number;
  /** Quality flags (spike, flat-line, disagrees): shown, never hidden. */
  flags: readonly string[];
  reconstructed: boolean;
  /** Seconds since its phenomenonTime by the app clock; null before the clock ticks. */
  ageSeconds: number | null;
}

export interface GaugePanelProps {
  gauges: readonly GaugeInfo[];
  /** The model's readings per gauge id (the simulation's probes). */
  series: Readonly<Record<string, GaugeSeries>>;
  /** Live sensor readings per gauge id (ms on the app clock). */
  observed?: Readonly<Record<string, GaugeSeries>>;
  /** When the shown model run started (ms on the app clock): the hydrograph puts readings on its clock. */
  runStartedAt?: number | null;
  live?: Readonly<Record<string, LiveReading>>;
  /** Where the readings come from, shown to the user ("Simulation probes"). */
  source: string;
  onLocate?(gaugeId: string): void;
}

function formatAge(seconds: number | null): string {
  if (seconds === null) return 'age unknown';
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** The scenario's gauges: latest reading (live where a sensor reports, else the model), its
 * quality and age, and the selected gauge's hydrograph (model and observed lines). */
export function GaugePanel({ gauges, series, observed = {}, runStartedAt = null, live = {}, source, onLocate }: GaugePanelProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = gauges.find((g) => g.id === selectedId) ?? gauges[0] ?? null;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    if (box.current) observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  if (gauges.length === 0) return <p className="placeholder">This scenario has no gauges.</p>;
  return (
    <div className="gauge-panel" ref={box}>
      <p className="gauge-source">Readings: {source}</p>
      <ul className="gauge-list" aria-label="Gauges">
        {gauges.map((gauge) => {
          const s = series[gauge.id];
          const reading = live[gauge.id];
          const last = reading ? reading.value : s && s.values.length > 0 ? s.values.at(-1)! : null;
          const level = last === null ? null : gaugeLevel(last, gauge.thresholds);
          return (
            <li key={gauge.id}>
              <button
                type="button"
                className={`gauge-row ${level === null ? 'gauge-none' : `gauge-level-${level}`}`}
                aria-pressed={gauge.id === selected?.id}
                onClick={() => setSelectedId(gauge.id)}
                data-testid={`gauge-${gauge.id}`}
              >
                <span className="gauge-name">{gauge.name}</span>
                <span className="gauge-value">{last === null ? '—' : `${last.toFixed(2)} ${gauge.unit}`}</span>
                <span className="gauge-level">{level !== null ? levelLabel[level] : gauge.kind === 'rain' && !s ? 'no source yet' : 'no reading'}</span>
                <span className={`gauge-quality${reading?.flags.length ? ' gauge-flagged' : ''}`} data-testid={`gauge-quality-${gauge.id}`}>
                  {reading ? `${reading.reconstructed ? 'reconstructed' : 'live'} · ${formatAge(reading.ageSeconds)}${reading.flags.length ? ` · ${reading.flags.join(', ')}` : ' · ok'}` : s ? 'model' : ''}
                </span>
              </button>
              {onLocate && (
                <button type="button" className="gauge-locate" onClick={() => onLocate(gauge.id)} aria-label={`Show ${gauge.name} on the map`}>
                  Map
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {selected && (
        <figure className="gauge-chart">
          <figcaption>
            {selected.name} — warning {selected.thresholds.warning} {selected.unit}, danger {selected.thresholds.danger} {selected.unit}
          </figcaption>
          {selected.kind === 'rain' && !series[selected.id] && !observed[selected.id]?.times.length && (
            <p className="gauge-no-source" data-testid="gauge-no-source">
              No source yet: the simulation gives water depths only, and no live rain sensor is connected. This gauge shows readings once one is.
            </p>
          )}
          <Hydrograph gauge={selected} series={series[selected.id] ?? { times: [], values: [] }} observed={observed[selected.id]} runStartedAt={runStartedAt} width={width - 8} />
        </figure>
      )}
    </div>
  );
}
