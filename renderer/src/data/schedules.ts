import type { Schedule } from './value-store.ts';

/** Hidden windows get no frames; this long at most, changes still reach them. */
const fallbackMs = 100;

/** Runs `run` once, before the next paint (or after 100 ms where frames are paused). */
export const nextFrame: Schedule = (run) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(once);
  setTimeout(once, fallbackMs);
};

/** Runs `run` after `ms`; a store coalescing its changes so notifies at most once per `ms`. */
export function atMostEvery(ms: number): Schedule {
  return (run) => {
    setTimeout(run, ms);
  };
}
