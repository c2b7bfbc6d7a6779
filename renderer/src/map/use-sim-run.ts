import { useEffect, useState } from 'react';
import type { SimFinished, SimFrame, SimStatus } from '../../../native/api/sim.ts';
import { useHost } from '../bridge/host-context.tsx';
import { simBridge } from './sim-bridge.ts';

export interface SimRun {
  status: SimStatus | null;
  /** Simulated seconds reached and the run's end, from the latest progress push. */
  progress: { time: number; durationSeconds: number } | null;
  frame: SimFrame | null;
  finished: SimFinished | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  error: string | null;
}

/** The simulation as the map sees it: status, latest depth frame, and start/stop. */
export function useSimRun(): SimRun {
  const bridge = simBridge(useHost().bridge);
  const [status, setStatus] = useState<SimStatus | null>(null);
  const [progress, setProgress] = useState<SimRun['progress']>(null);
  const [frame, setFrame] = useState<SimFrame | null>(null);
  const [finished, setFinished] = useState<SimFinished | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    bridge.invoke('sim.status', {}).then(
      (s) => !cancelled && setStatus(s),
      (err: { code?: string; message: string }) => !cancelled && setError(err.code === 'unknown_method' ? 'This host cannot run simulations.' : err.message),
    );
    const offs = [
      bridge.subscribe('sim.progress', (p) => {
        setProgress({ time: p.time, durationSeconds: p.durationSeconds });
        setStatus((s) => (s ? { ...s, state: 'running', time: p.time } : s));
      }),
      bridge.subscribe('sim.frame', setFrame),
      bridge.subscribe('sim.finished', (f) => {
        setFinished(f);
        setStatus((s) => (s ? { ...s, state: 'idle', time: f.simulatedSeconds } : s));
        if (f.outcome === 'failed') setError(f.error ?? 'The simulation failed');
      }),
    ];
    return () => {
      cancelled = true;
      offs.forEach((off) => off());
    };
  }, [bridge]);

  return {
    status,
    progress,
    frame,
    finished,
    error,
    async start() {
      setError(null);
      setFinished(null);
      try {
        setStatus(await bridge.invoke('sim.start', {}));
      } catch (err) {
        setError((err as Error).message);
      }
    },
    async stop() {
      try {
        setStatus(await bridge.invoke('sim.stop', {}));
      } catch (err) {
        setError((err as Error).message);
      }
    },
  };
}
