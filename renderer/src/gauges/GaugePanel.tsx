import { useEffect, useRef, useState } from 'react';
import { gaugeLevel, type GaugeInfo, type GaugeSeries } from './gauge-series.ts';
import { Hydrograph } from './Hydrograph.tsx';
import './gauges.css';

const levelLabel = ['normal', 'warning', 'danger'] as const;

export interface GaugePanelProps {
  gauges: readonly GaugeInfo[];
  /** Readings per gauge id (engine probes now, live sensors later). */
  series: Readonly<Record<string, GaugeSeries>>;
  /** Where the readings come from, shown to the user ("Simulation probes"). */
  source: string;
  onLocate?(gaugeId: string): void;
}

/** The scenario's gauges: latest reading and level, and the selected gauge's hydrograph. */
export function GaugePanel({ gauges, series, source, onLocate }: GaugePanelProps) {
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
          const last = s && s.values.length > 0 ? s.values.at(-1)! : null;
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
          {selected.kind === 'rain' && !series[selected.id] && (
            <p className="gauge-no-source" data-testid="gauge-no-source">
              No source yet: the simulation gives water depths only, and no live rain sensor is connected. This gauge shows readings once one is.
            </p>
          )}
          <Hydrograph gauge={selected} series={series[selected.id] ?? { times: [], values: [] }} width={width - 8} />
        </figure>
      )}
    </div>
  );
}
