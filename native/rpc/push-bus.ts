import { publicPushes, type Push, type PushEvent } from '../api/index.ts';
import { isSignedIn, type ActorLookup } from './access.ts';
import type { Session } from './handlers.ts';

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

/**
 * Whether a session may receive a push: sessions that have not signed in get only the public ones
 * (the sign-in page's), never task, alert or timeline changes. Every host filters its fan-out with it.
 */
export function pushAudience(actorOf: ActorLookup) {
  return (session: Session, event: PushEvent): boolean => (publicPushes as readonly PushEvent[]).includes(event) || isSignedIn(session, actorOf);
}

export type PushAudience = ReturnType<typeof pushAudience>;
