/** A value that React reads with useSyncExternalStore: `get` is stable between `set`s. */
export interface ValueStore<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

/** When listeners hear of a change: at once, or coalesced (see nextFrame). */
export type Schedule = (run: () => void) => void;

export const immediately: Schedule = (run) => run();

/**
 * A value with listeners. Several `set`s before `schedule` runs notify once, so a burst of pushes
 * renders once per frame, not once per push.
 */
export function createValueStore<T>(initial: T, schedule: Schedule = immediately): ValueStore<T> {
  let value = initial;
  let pending = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    pending = false;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      if (pending) return;
      pending = true;
      schedule(notify);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
