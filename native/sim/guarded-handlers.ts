// The contract's sim.* methods: the engine handlers behind the rights of each caller. A run is
// stopped or edited only by its starter or an EOC lead, and a scenario is named, never a path.
import { join } from 'node:path';
import type { Actor } from '../api/ops.ts';
import { PolderError } from '../api/errors.ts';
import type { simMethods } from '../api/sim.ts';
import { refuse, simSteerRefusal } from '../ops/permissions.ts';
import { signedInActor, type ActorLookup } from '../rpc/access.ts';
import type { HandlersFor, Session } from '../rpc/handlers.ts';
import { listScenarios } from '../../simulation/scenario/summary.ts';
import type { SimHandlerMap } from './handlers.ts';

export interface GuardOptions {
  /** The folder holding scenarios/: the only packs sim.start may name. */
  resourcesDir: string;
  actorOf: ActorLookup;
}

/** The pack folder of a scenario the app ships, by name; not_found (listing the known ones) otherwise. */
export function knownScenarioDir(name: string, resourcesDir: string): string {
  const known = listScenarios(resourcesDir);
  if (!known.includes(name)) throw new PolderError('not_found', `No scenario pack named "${name}" (known: ${known.length ? known.join(', ') : 'none'})`);
  return join(resourcesDir, 'scenarios', name);
}

export function guardSimHandlers(sim: SimHandlerMap, { resourcesDir, actorOf }: GuardOptions): HandlersFor<keyof typeof simMethods> {
  let starter: Actor | null = null;
  // Starts run one at a time, so the caller who finds the engine idle is the one whose run starts.
  let starting: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = starting.then(work, work);
    starting = next.catch(() => undefined);
    return next;
  };
  const idle = async () => (await sim['sim.status']({})).state === 'idle';
  const steer = async (method: string, session: Session) => {
    const actor = signedInActor(session, actorOf, method);
    if (!(await idle())) refuse(simSteerRefusal(actor, starter));
  };
  return {
    'sim.start': ({ scenario, ...args }, ctx) =>
      oneAtATime(async () => {
        const actor = signedInActor(ctx.session, actorOf, 'sim.start');
        const dir = scenario === undefined ? undefined : knownScenarioDir(scenario, resourcesDir);
        // The engine handlers refuse a second run; only a start from idle makes this actor the starter.
        if (await idle()) starter = actor;
        return sim['sim.start']({ ...args, ...(dir === undefined ? {} : { scenario: dir }) });
      }),
    'sim.stop': async (args, ctx) => {
      await steer('sim.stop', ctx.session);
      return sim['sim.stop'](args);
    },
    'sim.edit': async (args, ctx) => {
      await steer('sim.edit', ctx.session);
      return sim['sim.edit'](args);
    },
    'sim.status': (args) => sim['sim.status'](args),
    'sim.results': (args) => sim['sim.results'](args),
  };
}
