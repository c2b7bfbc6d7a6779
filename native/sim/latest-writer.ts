/**
 * Runs `task` on one value at a time; while one runs, newer values replace the one waiting (at
 * most one waits), so a slow disk costs skipped intermediate frames, never a growing queue. The
 * last value offered is always written. Failures go to `onError` and do not stop later values.
 */
export function latestWriter<T>(task: (value: T) => Promise<void>, onError: (error: unknown) => void) {
  let running: Promise<void> | null = null;
  let waiting: { value: T } | null = null;
  const run = (value: T): Promise<void> =>
    task(value)
      .catch(onError)
      .then(() => {
        const next = waiting;
        waiting = null;
        running = next ? run(next.value) : null;
        return running ?? undefined;
      });
  return {
    offer(value: T): void {
      if (running) waiting = { value };
      else running = run(value);
    },
    /** Settles once everything offered so far is written (or failed). */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
