import { createContext, useContext, type ReactNode } from 'react';
import type { ClockTick } from '../../../native/api/index.ts';
import { usePush } from '../bridge/host-context.tsx';

const ClockContext = createContext<ClockTick | null>(null);

/** The app clock from the `app.clock` push: countdowns tick from it, never from the wall clock. */
export function ClockProvider({ children }: { children: ReactNode }) {
  const tick = usePush('app.clock');
  return <ClockContext.Provider value={tick}>{children}</ClockContext.Provider>;
}

/** The latest tick, or null before the first one arrives. */
export function useClock(): ClockTick | null {
  return useContext(ClockContext);
}
