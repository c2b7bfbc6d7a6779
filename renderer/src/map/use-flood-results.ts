import { useEffect, useRef, useState } from 'react';
import type { SimFinished, SimFrame, SimResultView } from '../../../native/api/sim.ts';
import { useHost } from '../bridge/host-context.tsx';
import { decodeResults } from './flood-results.ts';
import type { FloodGrid, OverlayView } from './flood-view.ts';
import { latestOnly } from './latest-only.ts';

interface Answer {
  view: SimResultView;
  grid: FloodGrid | null;
}

/**
 * The latest arrival or hazard grid while that view is shown: fetched (`sim.results`) on every new
 * frame and at the run's end, at most one request in flight. `grid` is undefined while the first
 * answer for the view is awaited, null when there is nothing to draw (the depth view, no run yet,
 * or the run produced none).
 */
export function useFloodResults(view: OverlayView, frame: SimFrame | null, finished: SimFinished | null): { grid: FloodGrid | null | undefined; error: string | null } {
  const { bridge } = useHost();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetcher = useRef<ReturnType<typeof latestOnly<SimResultView, Answer>> | null>(null);
  useEffect(() => {
    const latest = latestOnly(
      async (which: SimResultView): Promise<Answer> => {
        const results = await bridge.invoke('sim.results', { view: which });
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
    if (view !== 'depth' && hasRun) fetcher.current?.request(view);
  }, [bridge, view, hasRun, frame, finished]);
  if (view === 'depth' || !hasRun) return { grid: null, error: null };
  return { grid: answer?.view === view ? answer.grid : undefined, error };
}
