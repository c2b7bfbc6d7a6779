import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, type GaugeInfo, type GaugeSeries } from './gauge-series.ts';

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
}

/** One gauge's series against its warning and danger lines. */
export function Hydrograph({ gauge, series, width, height = 180 }: { gauge: GaugeInfo; series: GaugeSeries; width: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const columns = chartColumns(series, gauge.thresholds);
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
        { label: 'time (min:s)', values: (_u, ticks) => ticks.map(formatTime) },
        { label: gauge.unit, size: 50 },
      ],
      series: [
        {},
        { label: gauge.kind === 'rain' ? 'intensity' : 'depth', stroke: '#0b5cad', width: 2, fill: 'rgba(11, 92, 173, 0.12)' },
        { label: 'warning', stroke: '#f0a400', width: 1.5, dash: [6, 4], points: { show: false } },
        { label: 'danger', stroke: '#c4001d', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
    };
    chart.current = new uPlot(options, latest.current, host.current!);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [gauge, height, width]);

  useEffect(() => {
    chart.current?.setData(latest.current);
  }, [series, gauge]);

  return <div ref={host} className="hydrograph" data-testid={`hydrograph-${gauge.id}`} aria-label={`${gauge.name} hydrograph`} role="img" />;
}
