import Database from 'better-sqlite3';
import { migrate } from '../store/migrate.ts';
import { migrations } from '../store/migrations/index.ts';
import { generateSigningKey } from '../identity/keys.ts';
import { createEventLog } from './event-log.ts';
import { createHlcState } from './hlc.ts';
import { createProjector } from './projector.ts';

/**
 * An in-memory store at the newest schema with a projector and an event log, for tests of the
 * chain and the merge: received events pass the trust check (native/identity tests that, and the
 * ops service always wires the real one), so these tests can hand-make unsigned events.
 */
export function memoryLog(origin = 'local', now: () => number = () => 4_000_000_000_000) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  const projector = createProjector(db);
  const log = createEventLog({ db, origin, hlc: createHlcState(origin), hlcOptions: { maxDriftMs: 60_000 }, projector, now, signer: generateSigningKey(), verify: () => ({ ok: true }) });
  return { db, projector, log };
}
