import { PolderError } from '../api/errors.ts';
import type { Actor } from '../api/ops.ts';
import type { Roster } from './roster.ts';
import { checkSecret } from './secret.ts';

/** Wrong secrets in a row after which a person's sign-in pauses, and for how long. */
export const signInLimits = { failures: 5, pauseMs: 30_000 } as const;

/**
 * Checks a person's PIN or password against the roster, offline. After `failures` wrong secrets
 * in a row for one person, their sign-in pauses: a four-digit PIN is otherwise guessed in hours.
 * `roster` is read at each sign-in: a newer roster taken in while running applies at once.
 */
export function createSignIn(roster: () => Roster, now: () => number) {
  const strikes = new Map<string, { count: number; until: number }>();
  return async function signIn(actorId: string, secret: string): Promise<Actor> {
    const person = roster().people.find((p) => p.id === actorId);
    if (!person) throw new PolderError('not_found', `No one with the id "${actorId}" is in the roster`);
    const strike = strikes.get(actorId);
    if (strike && strike.until > now()) {
      throw new PolderError('unauthenticated', `Too many wrong PINs or passwords for ${person.name}: try again in ${Math.ceil((strike.until - now()) / 1000)} s`);
    }
    if (!(await checkSecret(secret, person.secret))) {
      const count = (strike?.count ?? 0) + 1;
      strikes.set(actorId, { count, until: count >= signInLimits.failures ? now() + signInLimits.pauseMs : 0 });
      throw new PolderError('unauthenticated', `Wrong PIN or password for ${person.name}`);
    }
    strikes.delete(actorId);
    return { id: person.id, name: person.name, department: person.department, role: person.role };
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
