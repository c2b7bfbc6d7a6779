import { systemClock, type Clock } from '../clock/clock.ts';
import { openOpsService, type OpsService } from '../ops/service.ts';
import type { CallContext } from '../rpc/handlers.ts';
import type { CliIo } from './command.ts';
import { UsageError } from './command.ts';

/** Opens the operations store of `dataDir` for one command (beside a running app, as SQLite
 * allows) and closes it after, whatever happens. */
export async function withOps<T>(dataDir: string, io: CliIo, use: (ops: OpsService, clock: Clock) => Promise<T>): Promise<T> {
  const clock = systemClock();
  const logger = { info() {}, warn: (m: string) => io.err(`warning: ${m}`), error: (m: string) => io.err(`error: ${m}`) };
  const ops = openOpsService({ dataDir, clock, push: { emit() {} }, logger, backupEveryMs: 0 });
  try {
    return await use(ops, clock);
  } finally {
    await ops.close();
  }
}

/** The call context of `--as <person>`: the command acts as them, with their rights, under their name in the log. */
export function actingAs(ops: OpsService, personId: string | undefined): CallContext {
  if (!personId) throw new UsageError('say who acts: --as <person id>');
  if (!ops.directory.actors.some((a) => a.id === personId)) throw new UsageError(`no person "${personId}" in this directory (for example: ${ops.directory.actors.slice(0, 3).map((a) => a.id).join(', ')})`);
  return { session: { id: `cli-${personId}`, actorId: personId } };
}
