import { createContext, useContext, type ReactNode } from 'react';
import { useSimRun, type SimRun } from './use-sim-run.ts';

const SimRunContext = createContext<SimRun | null>(null);

/** One simulation view for the whole window, so the map and the gauge panel share a run's frames
 * (and a panel opened mid-run still has its history). */
export function SimRunProvider({ children }: { children: ReactNode }) {
  return <SimRunContext.Provider value={useSimRun()}>{children}</SimRunContext.Provider>;
}

/** The shared run, or this component's own when there is no provider. */
export function useSharedSimRun(): SimRun {
  const shared = useContext(SimRunContext);
  const own = useSimRun(shared === null);
  return shared ?? own;
}
