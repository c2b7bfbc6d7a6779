import { useMemo } from 'react';
import { useOptionalSensorsView } from '../data/data-context.tsx';
import { useSharedSimRun } from '../map/sim-run-context.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { probeSeries, type GaugeSeries } from './gauge-series.ts';
import { GaugePanel, type LiveReading } from './GaugePanel.tsx';
import { ReportHealth } from '../reports/ReportHealth.tsx';
import { SensorHealth } from './SensorHealth.tsx';
import { useScenarioGauges } from './use-scenario-gauges.ts';

/** The gauge panel wired to the host: the scenario's gauges, the model's probes, and live sensor
 * readings where a sensor reports (its datastream id is the gauge's id). */
export function LiveGaugePanel({ onLocate }: { onLocate?(gaugeId: string): void }) {
  const { gauges, error } = useScenarioGauges();
  const { frames, status } = useSharedSimRun();
  // The run whose frames are shown; a frame of a run the status has not caught up with yet gives no clock.
  const run = status?.run;
  const runStartedAt = run && frames.length > 0 && frames.at(-1)!.runId === run.id ? run.startedAt : null;
  const sensors = useOptionalSensorsView();
  const now = useClock()?.now ?? null;
  const series = useMemo(() => probeSeries(frames), [frames]);
  const observed = useMemo(() => {
    const out: Record<string, GaugeSeries> = {};
    for (const [id, s] of Object.entries(sensors.observed)) out[id] = { times: s.times, values: s.values };
    return out;
  }, [sensors.observed]);
  const live = useMemo(() => {
    const out: Record<string, LiveReading> = {};
    for (const r of Object.values(sensors.latest)) out[r.sensorId] = { value: r.value, flags: r.flags, reconstructed: r.reconstructed, ageSeconds: now === null ? null : (now - r.time) / 1000 };
    return out;
  }, [sensors.latest, now]);
  if (error) return <p className="placeholder">Gauges unavailable: {error}</p>;
  if (!gauges) return <p className="placeholder">Loading gauges…</p>;
  const source = Object.keys(live).length > 0 ? 'live sensors where they report, else the simulation (depth above ground)' : 'simulation probes (depth above ground)';
  return (
    <>
      <GaugePanel gauges={gauges} series={series} observed={observed} runStartedAt={runStartedAt} live={live} source={source} onLocate={onLocate} />
      <SensorHealth />
      <ReportHealth />
    </>
  );
}
