import type { Push, PushEvent } from '../api/index.ts';
import type { PushListener } from './push-bus.ts';

/**
 * Pushes meant for one session only (a terminal's output belongs to the window that opened it),
 * beside the push bus, which goes to every session. Each host listens for the sessions it serves.
 */
export function createSessionPushes() {
  const listeners = new Map<string, Set<PushListener>>();
  return {
    emitTo<E extends PushEvent>(sessionId: string, event: E, payload: Push[E]): void {
      for (const listener of listeners.get(sessionId) ?? []) listener(event, payload);
    },
    listen(sessionId: string, listener: PushListener): () => void {
      const set = listeners.get(sessionId) ?? new Set<PushListener>();
      listeners.set(sessionId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
  };
}

export type SessionPushes = ReturnType<typeof createSessionPushes>;
