import { methods, type Method } from '../api/index.ts';
import { PolderError } from '../api/errors.ts';
import type { Handlers } from '../rpc/handlers.ts';

/** Actions any signed-in person may take live (no role named), refused in a replay all the same: resolving a conflict writes an event. */
const alsoActions: ReadonlySet<Method> = new Set(['conflicts.resolve']);

/**
 * The handler map of a replay node: every method that takes an action (its contract access names
 * one) is refused, whoever is signed in. A replay shows what was decided; nobody decides in it.
 */
export function readOnlyHandlers(handlers: Handlers): Handlers {
  const refused = Object.fromEntries(
    (Object.keys(methods) as Method[])
      .filter((m) => typeof methods[m].access === 'object' || alsoActions.has(m))
      .map((m) => [
        m,
        () => {
          throw new PolderError('forbidden', `This is a replay of a recording: ${m} changes nothing here (a replay is read only)`);
        },
      ]),
  );
  return { ...handlers, ...refused } as Handlers;
}
