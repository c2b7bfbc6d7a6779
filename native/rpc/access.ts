import type { Access } from '../api/access.ts';
import { PolderError, type WireError } from '../api/errors.ts';
import type { Actor } from '../api/ops.ts';
import { permissionRefusal } from '../ops/permissions.ts';
import type { Session } from './handlers.ts';

/** Finds the person a session signed in as; null when the id is no longer in the directory. */
export type ActorLookup = (actorId: string) => Actor | null;

function unauthenticated(session: Session, method: string): WireError {
  return session.actorId
    ? { code: 'unauthenticated', message: `The signed-in person "${session.actorId}" is no longer in the directory: sign in again to use ${method}` }
    : { code: 'unauthenticated', message: `Sign in first: ${method} needs a signed-in person (session.login)` };
}

/** Why the session may not call a method of this access level, or null when it may. */
export function accessRefusal(access: Access, session: Session, method: string, actorOf: ActorLookup): WireError | null {
  if (access === 'anyone') return null;
  const actor = session.actorId ? actorOf(session.actorId) : null;
  if (!actor) return unauthenticated(session, method);
  if (access === 'signedIn') return null;
  return permissionRefusal(actor, access.may);
}

/** The person signed in at this session; throws unauthenticated when there is none. */
export function signedInActor(session: Session, actorOf: ActorLookup, method: string): Actor {
  const actor = session.actorId ? actorOf(session.actorId) : null;
  if (!actor) {
    const { code, message } = unauthenticated(session, method);
    throw new PolderError(code, message);
  }
  return actor;
}

/** Whether a session has signed in as someone the directory knows: it may receive every push. */
export function isSignedIn(session: Session, actorOf: ActorLookup): boolean {
  return session.actorId !== null && actorOf(session.actorId) !== null;
}
