import type { SimFinished, SimFrame, SimProgress, SimStatus } from '../../../native/api/sim.ts';
import type { z } from 'zod';
import type { PolderBridge } from '../../../native/api/index.ts';

type SimPushes = { 'sim.progress': z.output<typeof SimProgress>; 'sim.frame': SimFrame; 'sim.finished': SimFinished };

/** The simulation part of the contract (native/api/sim.ts). The engine work registers it in
 * native/api/index.ts; until then this view of the bridge types it, and a host without the
 * methods answers `unknown_method`. */
export interface SimBridge {
  invoke(method: 'sim.status' | 'sim.stop', args: Record<string, never>): Promise<SimStatus>;
  invoke(method: 'sim.start', args: { frameIntervalSeconds?: number; durationSeconds?: number }): Promise<SimStatus>;
  subscribe<E extends keyof SimPushes>(event: E, listener: (payload: SimPushes[E]) => void): () => void;
}

export function simBridge(bridge: PolderBridge): SimBridge {
  return bridge as unknown as SimBridge;
}
