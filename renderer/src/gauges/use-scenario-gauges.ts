import { useEffect, useState } from 'react';
import { useHost } from '../bridge/host-context.tsx';
import { gaugesFromLayer, type GaugeInfo } from './gauge-series.ts';

/** The scenario's gauges, or an error message when the scenario cannot be read. */
export function useScenarioGauges(): { gauges: GaugeInfo[] | null; error: string | null } {
  const { bridge } = useHost();
  const [state, setState] = useState<{ gauges: GaugeInfo[] | null; error: string | null }>({ gauges: null, error: null });
  useEffect(() => {
    let cancelled = false;
    bridge.invoke('scenario.layers', {}).then(
      (layers) => !cancelled && setState({ gauges: gaugesFromLayer(layers.gauges), error: null }),
      (err: Error) => !cancelled && setState({ gauges: null, error: err.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [bridge]);
  return state;
}
