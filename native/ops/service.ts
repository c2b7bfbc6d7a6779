import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import type { CallContext } from '../rpc/handlers.ts';
import type { Actor, StorageAlarm } from '../api/ops.ts';
import { migrations } from '../store/migrations/index.ts';
import { backupFileName, listBackups, pruneBackups } from '../store/backups.ts';
import { openStore, type Store } from '../store/store.ts';
import { verifyChain, type ChainReport } from './chain.ts';
import { chainAnchorPath, openChainAnchoring } from './chain-anchor.ts';
import { createBoardQuery } from './board.ts';
import { upsertKeyedAlert, type KeyedAlert } from './commands/alerts.ts';
import { createCore, type OpsCore, type PushSink } from './core.ts';
import { defaultUnits, validateDirectory, type Directory, type UnitSeed } from './directory.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { loadHeldRoster } from '../identity/held-roster.ts';
import { loadOrCreateDeviceKey, type SigningKey } from '../identity/keys.ts';
import { rosterDirectory, type Roster } from '../identity/roster.ts';
import { createRosterKeeper, type RefusedRoster, type RosterOffer } from '../identity/roster-keeper.ts';
import { createSignIn } from '../identity/sign-in.ts';
import type { QuarantinedEvent } from '../identity/quarantine.ts';
import { createEventLog, type HeldEvents, type RemoteResult, type SignedBy } from './event-log.ts';
import type { OpsEvent } from './event.ts';
import { createHlcState, decodeHlc, defaultHlcOptions, type HlcOptions } from './hlc.ts';
import { createOpsHandlers, type OpsHandlers } from './handlers.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { createProjector } from './projector.ts';
import { createSystemAlerts, type SystemAlerts } from './system-alerts.ts';
import type { TimelineRow } from './timeline-row.ts';
import { uuidv7 } from './uuid.ts';
import { createViews, timelineEntry } from './views.ts';

export interface OpsServiceOptions {
  dataDir: string;
  clock: Clock;
  push: PushSink;
  logger: Logger;
  /** This device's origin id in the log; generated and remembered in the store when absent. */
  deviceId?: string;
  /** Who works here and which devices may write: default the roster the data folder holds, else the built-in demo roster. */
  roster?: Roster;
  /** This device's signing key; default the data folder's device-key.json (made on first use). */
  deviceKey?: SigningKey;
  /** Units a brand-new store starts with. */
  seedUnits?: readonly UnitSeed[];
  hlc?: HlcOptions;
  /** Take an automatic backup on open when the newest is older than this (by the clock); 0 turns it off. Default 12 h. */
  backupEveryMs?: number;
  /** How many automatic backups to keep. Default 7. */
  keepBackups?: number;
}

export interface OpsService {
  handlers: OpsHandlers;
  /** Who works here: the dispatcher resolves signed-in sessions against it. */
  directory: Directory;
  /** The signed roster held now (secrets to check at sign-in, devices to trust); the directory comes from the one held at open. */
  readonly roster: Roster;
  /** Offers a roster received while running (the broker's copy): adopted only when it may replace the one held. */
  offerRoster(raw: unknown, source: string): RosterOffer;
  /** Rosters offered and refused, with why, newest first. */
  refusedRosters(limit?: number): RefusedRoster[];
  /** Received events that failed their checks, newest first, and how many there are. */
  quarantined(limit: number): { total: number; items: QuarantinedEvent[] };
  deviceId: string;
  store: Store;
  /** The send queue of local events (for the sync link). */
  outbox: Outbox;
  /** Ingests events from other devices (for the sync link); `signedBy`: signatures it checked already. */
  applyRemoteEvents(events: readonly unknown[], signedBy?: SignedBy): RemoteResult;
  verifyChain(): ChainReport;
  alarm(): StorageAlarm | null;
  /** The signed-in actor of a call; unauthenticated when nobody is. */
  actor(ctx: CallContext): Actor;
  /** One activity-log line (a `log.entry` event) by an actor, or by the system in the EOC's name. */
  logActivity(by: Actor | 'system', text: string): void;
  /** Raises a model's alert, or updates the open one with the same key (see upsertKeyedAlert). */
  upsertAlert(by: Actor | 'system', alert: KeyedAlert): { id: string; action: 'raised' | 'updated' | 'unchanged' };
  /** The operations core, for services that write their own events (recommended tasks). */
  core: OpsCore;
  /** Alerts the app raises, escalates and resolves itself (sensor thresholds, silent sensors). */
  systemAlerts: SystemAlerts;
  /** An online backup into the backups folder (or `destination`), pruning old automatic ones. */
  backup(destination?: string): Promise<{ path: string; pages: number }>;
  /** Settles when the automatic backup started on open (if one was due) has finished. */
  openBackup: Promise<void>;
  /** Closes the database (after a backup in progress has finished). */
  close(): Promise<void>;
}

export function opsDatabasePath(dataDir: string): string {
  return join(dataDir, 'ops.sqlite');
}

export function opsBackupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** This store's device id: `requested`, else the one it remembers, else a new one it remembers from now on. */
export function resolveDeviceId(store: Store, requested: string | undefined): string {
  const get = store.db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const stored = get.get('device_id');
  const id = requested ?? stored ?? `dev_${randomBytes(6).toString('hex')}`;
  if (!stored) store.db.prepare("INSERT INTO meta (key, value) VALUES ('device_id', ?)").run(id);
  return id;
}

/**
 * Whether this device writes the standard units into a new log. Every node of an organisation
 * holds the same signed roster, so all agree on one seeder, its first enrolled workstation, and
 * the units are created once rather than once per node (duplicates that a late-opening node's
 * seed would also have stamped over real edits with). A device the roster does not list syncs
 * with no one (its events would be quarantined), so it seeds its own log.
 */
export function seedsUnits(roster: Roster, deviceId: string): boolean {
  if (!roster.devices.some((d) => d.id === deviceId)) return true;
  const enrolled = roster.devices.filter((d) => !d.revoked);
  return (enrolled.find((d) => d.kind === 'workstation') ?? enrolled[0])?.id === deviceId;
}

const pushFor = { unit: 'units.changed', incident: 'incidents.changed', request: 'resources.changed' } as const;

/** Tells the renderers what remote events changed, as local commands do. */
export function notifyRemote(db: Store['db'], core: OpsCore, result: Pick<RemoteResult, 'applied' | 'conflicts'>) {
  const get = db.prepare<[string], TimelineRow>('SELECT * FROM timeline WHERE event_id = ?');
  const rows = result.applied.map((id) => get.get(id)).filter((r): r is TimelineRow => r !== undefined);
  const tasks = [...new Set(rows.filter((r) => r.kind === 'task').map((r) => r.entity))];
  if (tasks.length) core.tasksChanged(tasks);
  const alerts = [...new Set(rows.filter((r) => r.kind === 'alert').map((r) => r.entity))];
  if (alerts.length) core.alertsChanged(alerts);
  for (const [kind, event] of Object.entries(pushFor)) {
    const ids = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.entity))];
    if (ids.length) core.emit(event, { ids });
  }
  core.emit('timeline.appended', { entries: rows.map(timelineEntry) });
  if (result.conflicts.length) core.emit('conflicts.changed', { ids: [...new Set(result.conflicts.map((c) => c.entity))] });
}

/** Opens the operations log in `dataDir` and returns its contract handlers. */
export function openOpsService(options: OpsServiceOptions): OpsService {
  const { dataDir, clock, logger } = options;
  const roster = options.roster ?? loadHeldRoster(dataDir) ?? demoRoster();
  const directory = validateDirectory(rosterDirectory(roster));
  const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger });
  try {
    const { db } = store;
    const deviceId = resolveDeviceId(store, options.deviceId);
    const latest = db.prepare<[], string | null>('SELECT max(hlc) FROM events').pluck().get() ?? null;
    const seen = latest ? decodeHlc(latest) : { wall: 0, counter: 0 };
    const hlc = createHlcState(deviceId, seen.wall, seen.counter);
    const projector = createProjector(db);
    const now = () => clock.now();
    const signer = options.deviceKey ?? loadOrCreateDeviceKey(dataDir, deviceId).key;
    const hlcOptions = options.hlc ?? defaultHlcOptions;
    const keeper = createRosterKeeper({ dataDir, roster, db, now, logger });
    const verify = (ev: OpsEvent, held: HeldEvents & { signedBy?: string }) => keeper.verify(ev, { ...held, now: now(), maxDriftMs: hlcOptions.maxDriftMs });
    const log = createEventLog({ db, origin: deviceId, hlc, hlcOptions, projector, now, signer, verify });
    const views = createViews(db);
    const anchoring = openChainAnchoring({ db, origin: deviceId, file: chainAnchorPath(dataDir), now, logger, key: signer });
    const core = createCore({ db, log, projector, views, board: createBoardQuery(db), directory, now, push: options.push, logger, committed: anchoring.committed });
    const countEvents = db.prepare<[], number>('SELECT count(*) FROM events').pluck();

    const eventsAtOpen = countEvents.get() ?? 0;
    const seeds = seedsUnits(roster, deviceId) ? (options.seedUnits ?? defaultUnits).filter((u) => directory.departments.some((d) => d.id === u.department)) : [];
    if (eventsAtOpen === 0 && seeds.length > 0) {
      core.write(
        'system',
        seeds.map((u) => ({
          type: 'unit.created',
          entity: u.id,
          payload: {
            create: true as const,
            set: { name: u.name, kind: u.kind, department: u.department, status: 'available', location: null, quantity: u.quantity ?? null, note: '' },
            summary: `Unit registered: ${u.name}`,
            dept: u.department,
          },
        })),
      );
    }

    const handlers = createOpsHandlers(core, { path: store.path, deviceId, events: () => countEvents.get() ?? 0 }, createSignIn(() => keeper.roster, now));
    const backupDir = opsBackupDir(dataDir);
    const keep = options.keepBackups ?? 7;
    let pending: Promise<unknown> = Promise.resolve();
    const backup = (destination?: string) => {
      const run = pending.then(async () => {
        const result = await store.backup(destination ?? join(backupDir, backupFileName(clock.now())));
        if (!destination) pruneBackups(backupDir, keep);
        return result;
      });
      pending = run.catch(() => undefined);
      return run;
    };
    const every = options.backupEveryMs ?? 12 * 3600_000;
    const newest = listBackups(backupDir)[0];
    const due = every > 0 && eventsAtOpen > 0 && (!newest || clock.now() - newest.takenAt >= every);
    const openBackup = due
      ? backup().then(
          (b) => logger.info(`backed up the operations log to ${b.path}`),
          (err: unknown) => logger.warn(`automatic backup failed: ${err instanceof Error ? err.message : String(err)}`),
        )
      : Promise.resolve();
    return {
      handlers,
      directory,
      get roster() {
        return keeper.roster;
      },
      offerRoster: (raw, source) => keeper.offer(raw, source),
      refusedRosters: (limit) => keeper.refused(limit),
      quarantined: (limit) => ({ total: log.quarantine.count(), items: log.quarantine.list(limit) }),
      deviceId,
      store,
      applyRemoteEvents(events, signedBy) {
        const result = log.applyRemoteEvents(events, signedBy);
        if (result.applied.length > 0) notifyRemote(db, core, result);
        return result;
      },
      outbox: createOutbox(db, now),
      verifyChain: () => verifyChain(db, deviceId),
      alarm: core.alarm,
      actor: core.actor,
      upsertAlert: (by, alert) => upsertKeyedAlert(core, by, alert),
      core,
      systemAlerts: createSystemAlerts(core),
      logActivity(by, text) {
        const department = by === 'system' ? 'eoc' : by.department;
        const at = core.now();
        core.write(by, [
          {
            type: 'log.entry',
            entity: uuidv7(at),
            payload: { create: true, set: { text, department, author: by === 'system' ? 'system' : by.id, at }, summary: text, dept: department },
          },
        ]);
      },
      backup,
      openBackup,
      async close() {
        await pending;
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
