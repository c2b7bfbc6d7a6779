import { PolderError } from '../api/errors.ts';
import type { Session } from '../rpc/handlers.ts';
import { methods, type Invoke, type Push, type PushEvent } from '../api/index.ts';
import type { opsMethods } from '../api/ops.ts';
import { manualClock } from '../clock/clock.ts';
import { tempDir } from '../store/test-helpers.ts';
import { openOpsService, type OpsServiceOptions } from './service.ts';

type OpsMethod = keyof typeof opsMethods;

export const t0 = Date.UTC(2026, 10, 21, 14, 0, 0);

/**
 * A real ops service in a temp folder with a manual clock, a push recorder, and `as(actorId)`
 * callers that validate arguments with the contract's schemas the way the dispatcher does.
 */
export function testService(extra: Partial<OpsServiceOptions> = {}, dir = tempDir('polder-ops-'), start = t0) {
  const clock = manualClock(start);
  const pushes: { event: PushEvent; payload: unknown }[] = [];
  const push = { emit<E extends PushEvent>(event: E, payload: Push[E]) { pushes.push({ event, payload }); } };
  const silent = { info() {}, warn() {}, error() {} };
  const service = openOpsService({ dataDir: dir.dir, clock, push, logger: silent, deviceId: 'dev_test', backupEveryMs: 0, ...extra });

  async function call<M extends OpsMethod>(session: Session, method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
    const parsed = methods[method].args.safeParse(args);
    if (!parsed.success) throw new PolderError('invalid_args', `${method}: ${parsed.error.issues[0]?.message}`);
    const handler = service.handlers[method] as (a: unknown, ctx: { session: Session }) => Invoke[M][1];
    return handler(parsed.data, { session });
  }

  function as(actorId: string | null) {
    const session: Session = { id: `s-${actorId}`, actorId };
    return <M extends OpsMethod>(method: M, args: Invoke[M][0]) => call(session, method, args);
  }

  const count = (table: string) => service.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { service, clock, pushes, as, count, dir, close: async () => { await service.close(); dir.cleanup(); } };
}

/** The error code a failing call rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PolderError) return err.code;
    throw err;
  }
  throw new Error('expected the call to fail');
}
