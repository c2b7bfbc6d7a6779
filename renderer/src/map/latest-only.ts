/**
 * Runs `task` for the latest request only: while one runs, further requests collapse into one that
 * starts when it ends, with the newest argument. A slow client fetches as often as it can draw,
 * never queueing behind frames it would discard. After `close`, results are dropped.
 */
export function latestOnly<A, T>(task: (arg: A) => Promise<T>, onResult: (result: T) => void, onError: (error: Error) => void) {
  let busy = false;
  let closed = false;
  let pending: { arg: A } | null = null;
  const run = (arg: A) => {
    busy = true;
    task(arg)
      .then(
        (result) => !closed && onResult(result),
        (error: unknown) => !closed && onError(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        busy = false;
        const next = pending;
        pending = null;
        if (next && !closed) run(next.arg);
      });
  };
  return {
    request(arg: A): void {
      if (closed) return;
      if (busy) pending = { arg };
      else run(arg);
    },
    close(): void {
      closed = true;
      pending = null;
    },
  };
}
