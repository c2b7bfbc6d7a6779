import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, observedOnRunClock, type GaugeInfo, type GaugeSeries } from './gauge-series.ts';

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
}

const noReadings: GaugeSeries = { times: [], values: [] };

/**
 * One gauge's model line and observed line against its warning and danger lines, on the run's
 * clock when a run is shown (`runStartedAt`, ms on the app clock), else from the first reading.
 */
export function Hydrograph({ gauge, series, observed = noReadings, runStartedAt = null, width, height = 180 }: { gauge: GaugeInfo; series: GaugeSeries; observed?: GaugeSeries; runStartedAt?: number | null; width: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const aligned = useMemo(() => observedOnRunClock(observed, runStartedAt), [observed, runStartedAt]);
  const columns = chartColumns(series, gauge.thresholds, aligned);
  // A chart rebuilt (new width, new gauge) starts from the data it shows now, not from nothing.
  const latest = useRef(columns);
  latest.current = columns;

  useEffect(() => {
    const options: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max, gauge.thresholds.danger * 1.25)] } },
      axes: [
        { label: runStartedAt === null ? 'time from the first reading (min:s)' : 'time from the start of the run (min:s)', values: (_u, ticks) => ticks.map(formatTime) },
        { label: gauge.unit, size: 50 },
      ],
      series: [
        {},
        { label: gauge.kind === 'rain' ? 'model intensity' : 'model depth', stroke: '#0b5cad', width: 2, fill: 'rgba(11, 92, 173, 0.12)', spanGaps: true },
        { label: 'observed', stroke: '#6a1b9a', width: 2, spanGaps: true, points: { show: false } },
        { label: 'warning', stroke: '#f0a400', width: 1.5, dash: [6, 4], points: { show: false } },
        { label: 'danger', stroke: '#c4001d', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
    };
    chart.current = new uPlot(options, latest.current as uPlot.AlignedData, host.current!);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [gauge, height, width, runStartedAt]);

  useEffect(() => {
    chart.current?.setData(latest.current as uPlot.AlignedData);
  }, [series, aligned, gauge]);

  const shown = aligned.times.length;
  return (
    <div ref={host} className="hydrograph" data-testid={`hydrograph-${gauge.id}`} data-observed-points={shown} aria-label={`${gauge.name} hydrograph${shown ? `, ${shown} observed readings` : ''}`} role="img" />
  );
}
