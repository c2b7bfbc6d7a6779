import type { VirtualClock } from './virtual-clock.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `fire` once the virtual clock reads `at` or later. Re-arms on every play, pause, rate
 * change or seek, so a 60× clock fires on time and a paused one never does. A seek past `at`
 * fires at once; cancel() stops it.
 */
export function atVirtualTime(clock: VirtualClock, at: number, fire: () => void, timers: Timers = globalTimers) {
  let handle: unknown = null;
  let done = false;

  const disarm = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  const arm = () => {
    disarm();
    if (done) return;
    const delay = clock.sourceDelayUntil(at);
    if (delay === null) return;
    if (delay === 0) {
      done = true;
      unsubscribe();
      fire();
      return;
    }
    // Source clocks and timers disagree by a millisecond or so: check again when the timer fires.
    handle = timers.setTimeout(arm, Math.max(1, Math.ceil(delay)));
  };
  const unsubscribe = clock.onChange(arm);
  arm();

  return {
    cancel() {
      done = true;
      disarm();
      unsubscribe();
    },
  };
}
