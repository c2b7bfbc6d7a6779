import { useMemo } from 'react';
import { useSharedSimRun } from '../map/sim-run-context.tsx';
import { probeSeries } from './gauge-series.ts';
import { GaugePanel } from './GaugePanel.tsx';
import { useScenarioGauges } from './use-scenario-gauges.ts';

/** The gauge panel wired to the host: the scenario's gauges, readings from the simulation's
 * probes. Live sensor readings will arrive through the same series shape. */
export function LiveGaugePanel({ onLocate }: { onLocate?(gaugeId: string): void }) {
  const { gauges, error } = useScenarioGauges();
  const { frames } = useSharedSimRun();
  const series = useMemo(() => probeSeries(frames), [frames]);
  if (error) return <p className="placeholder">Gauges unavailable: {error}</p>;
  if (!gauges) return <p className="placeholder">Loading gauges…</p>;
  return <GaugePanel gauges={gauges} series={series} source="simulation probes (depth above ground)" onLocate={onLocate} />;
}
