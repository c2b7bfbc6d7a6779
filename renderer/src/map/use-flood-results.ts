import { useEffect, useRef, useState } from 'react';
import type { SimFinished, SimFrame, SimResultView } from '../../../native/api/sim.ts';
import { useHost } from '../bridge/host-context.tsx';
import { decodeResults } from './flood-results.ts';
import type { FloodGrid, OverlayView } from './flood-view.ts';
import { latestOnly } from './latest-only.ts';

interface Ask {
  view: SimResultView;
  /** A replayed frame's time, or null for the latest. */
  time: number | null;
}

interface Answer {
  view: SimResultView;
  grid: FloodGrid | null;
}

/**
 * The arrival or hazard grid while that view is shown: the latest, fetched (`sim.results`) on every
 * new frame and at the run's end, or the replayed frame's; at most one request in flight. While a
 * newer one is on its way the previous grid of the view stays. `grid` is undefined until the
 * view's first answer, null when there is nothing to draw (the depth view, no run yet, or none
 * from this run).
 */
export function useFloodResults(view: OverlayView, replayTime: number | null, frame: SimFrame | null, finished: SimFinished | null): { grid: FloodGrid | null | undefined; error: string | null } {
  const { bridge } = useHost();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetcher = useRef<ReturnType<typeof latestOnly<Ask, Answer>> | null>(null);
  useEffect(() => {
    const latest = latestOnly(
      async ({ view: which, time }: Ask): Promise<Answer> => {
        const results = await bridge.invoke('sim.results', time === null ? { view: which } : { view: which, time });
        return { view: which, grid: results ? await decodeResults(results) : null };
      },
      (result) => {
        setAnswer(result);
        setError(null);
      },
      (err) => setError(err.message),
    );
    fetcher.current = latest;
    return () => latest.close();
  }, [bridge]);
  const hasRun = frame !== null || finished !== null;
  useEffect(() => {
    if (view !== 'depth' && hasRun) fetcher.current?.request({ view, time: replayTime });
  }, [bridge, view, replayTime, hasRun, frame, finished]);
  if (view === 'depth' || !hasRun) return { grid: null, error: null };
  return { grid: answer?.view === view ? answer.grid : undefined, error };
}
