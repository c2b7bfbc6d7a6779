import { useEffect, useState } from 'react';
import type { SimFinished, SimFrame, SimStatus } from '../../../native/api/sim.ts';
import { useHost, useLinkGeneration } from '../bridge/host-context.tsx';

export interface SimRun {
  status: SimStatus | null;
  /** Simulated seconds reached and the run's end, from the latest progress push. */
  progress: { time: number; durationSeconds: number } | null;
  /** The newest frame of the current (or last) run. */
  frame: SimFrame | null;
  /** Every frame of the run this renderer has seen, oldest first (at most MAX_FRAMES, thinned evenly). */
  frames: readonly SimFrame[];
  finished: SimFinished | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  error: string | null;
}

/** The simulation as the map and gauges see it: status, the run's frames, start/stop. On mount
 * it picks up the current or last run (its record and latest frame), so a reload or a second
 * browser shows the same run. `enabled: false` keeps it idle (when a shared one from SimRunProvider is used instead). */
export function useSimRun(enabled = true): SimRun {
  const { bridge } = useHost();
  // The status is asked again after a reconnection: progress pushed while the link was down is lost.
  const generation = useLinkGeneration();
  const [status, setStatus] = useState<SimStatus | null>(null);
  const [progress, setProgress] = useState<SimRun['progress']>(null);
  const [frames, setFrames] = useState<readonly SimFrame[]>([]);
  const [finished, setFinished] = useState<SimFinished | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled || generation === 0) return;
    let cancelled = false;
    const refresh = () =>
      bridge.invoke('sim.status', {}).then(
        (s) => !cancelled && setStatus(s),
        (err: Error) => !cancelled && setError(err.message),
      );
    void bridge.invoke('sim.status', {}).then(
      async (s) => {
        if (cancelled) return;
        setStatus(s);
        if (!s.run) return;
        if (s.run.finished) setFinished((f) => f ?? s.run!.finished);
        const latest = await bridge.invoke('sim.results', {});
        // Frames pushed meanwhile are as new or newer: keep them.
        if (!cancelled && latest) setFrames((current) => (current.length ? current : [latest]));
      },
      (err: Error) => !cancelled && setError(err.message),
    );
    const offs = [
      bridge.subscribe('sim.progress', (p) => {
        setProgress({ time: p.time, durationSeconds: p.durationSeconds });
        setStatus((s) => (s ? { ...s, state: 'running', time: p.time } : s));
      }),
      bridge.subscribe('sim.frame', (frame) => setFrames((current) => keepFrame(current, frame))),
      bridge.subscribe('sim.finished', (f) => {
        setFinished(f);
        setStatus((s) => (s ? { ...s, state: 'idle', time: f.simulatedSeconds } : s));
        if (f.outcome === 'failed') setError(f.error ?? 'The simulation failed');
        void refresh();
      }),
    ];
    return () => {
      cancelled = true;
      offs.forEach((off) => off());
    };
  }, [bridge, enabled, generation]);

  return {
    status,
    progress,
    frame: frames.at(-1) ?? null,
    frames,
    finished,
    error,
    async start() {
      setError(null);
      setFinished(null);
      setFrames([]);
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

/** Frames kept for replaying a run on the map: enough for a smooth scrub, bounded in memory. */
export const MAX_FRAMES = 240;

/** Adds a frame; a frame of another run, or at or before the last one's time, starts a new list. Past MAX_FRAMES,
 * every other frame is dropped and later frames keep the wider spacing (the newest is always
 * kept), so the whole run stays evenly covered. */
export function keepFrame<F extends { time: number; runId?: string }>(frames: readonly F[], frame: F): F[] {
  const last = frames.at(-1);
  if (!last || frame.runId !== last.runId || frame.time <= last.time) return [frame];
  const spacing = frames.length >= 2 ? frames[1]!.time - frames[0]!.time : 0;
  // The newest frame replaces the previous newest until it is a full spacing past the one before.
  const kept = frames.length >= 2 && frame.time - frames.at(-2)!.time < spacing ? frames.slice(0, -1) : [...frames];
  kept.push(frame);
  if (kept.length <= MAX_FRAMES) return kept;
  return kept.filter((_, i) => i % 2 === 0 || i === kept.length - 1);
}
