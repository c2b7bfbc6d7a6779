import type { Push, PushEvent } from './index.ts';

export type PushListener = <E extends PushEvent>(event: E, payload: Push[E]) => void;

/** Fan-out of push events from services to every connected renderer. One per app. */
export function createPushBus() {
  const listeners = new Set<PushListener>();
  return {
    emit<E extends PushEvent>(event: E, payload: Push[E]): void {
      for (const listener of listeners) listener(event, payload);
    },
    listen(listener: PushListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PushBus = ReturnType<typeof createPushBus>;
