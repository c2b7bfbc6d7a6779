import { useEffect, useState } from 'react';
import { useHost } from '../bridge/host-context.tsx';
import { simBridge } from '../map/sim-bridge.ts';
import { appendSample, type GaugeSeries } from './gauge-series.ts';

/** Depth series per probe id from the simulation's frames (a new run restarts them). */
export function useProbeSeries(): Readonly<Record<string, GaugeSeries>> {
  const bridge = simBridge(useHost().bridge);
  const [series, setSeries] = useState<Readonly<Record<string, GaugeSeries>>>({});
  useEffect(
    () =>
      bridge.subscribe('sim.frame', (frame) =>
        setSeries((current) => {
          const next: Record<string, GaugeSeries> = { ...current };
          for (const probe of frame.probes) next[probe.id] = appendSample(current[probe.id], frame.time, probe.depth);
          return next;
        }),
      ),
    [bridge],
  );
  return series;
}
