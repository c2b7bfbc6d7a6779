import type { Database } from 'better-sqlite3';
import { PolderError } from '../api/errors.ts';
import type { IngestCounts, Reading, Sensor } from '../api/sensors.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import type { PushSink } from '../ops/core.ts';
import type { CallContext, HandlersFor } from '../rpc/handlers.ts';
import { parseMessage } from './payload.ts';
import { flagBits, flagsToBits, qualityFlags, remember, spikeBounds, windowSize } from './quality.ts';
import { createReadingStore, unattributed, type AcceptedRow, type QuarantinedRow } from './reading-store.ts';
import { createRegistry, type SensorSeed } from './registry.ts';
import { assignNeighbours, copyState, flagCounts, newState, noteAccepted, ratePerMinute, risePerHour, type SensorState } from './sensor-state.ts';
import { createThresholdRules, type AlertSink } from './thresholds.ts';
import { defaultLimits, validate, type ValidationLimits } from './validate.ts';

export type SensorMethods = 'sensors.list' | 'sensors.update' | 'sensors.latest' | 'sensors.series' | 'sensors.health' | 'sensors.quarantine' | 'sensors.setRetention';

export interface SensorServiceOptions {
  db: Database;
  clock: Clock;
  push: PushSink;
  alerts: AlertSink;
  logger: Logger;
  /** The scenario pack's sensors, added to the registry (edited entries keep their edits). */
  seeds: readonly SensorSeed[];
  /** An activity-log line for a person's change to the registry. */
  activity?(ctx: CallContext, text: string): void;
  /** Longest an accepted reading waits before it is pushed to the renderers (ms). Default 50. */
  pushMs?: number;
  /** Longest a received reading waits before its batch is stored (ms). Default 250: a commit
   * writes a page per sensor it touches and waits for the disk, so fewer, larger ones. */
  flushMs?: number;
  /** A batch this big is stored at once. Default 20000. */
  maxBatch?: number;
  /** How often silence is checked (ms). Default 1000. */
  silenceCheckMs?: number;
  limits?: ValidationLimits;
  /** Same-kind sensors closer than this (m) are neighbours. Default 600. */
  neighbourRadius?: number;
  /** After each stored batch: the latest unflagged reading of each sensor in it (forecasts start from these). */
  onReadings?(latest: { sensor: Sensor; reading: Reading }[]): void;
}

/** The ingest as it stood once everything received up to `at` was taken: what a replay seeking back starts again from. */
export interface SensorCheckpoint {
  at: number;
  states: SensorState[];
  /** The stored flag bits of each sensor's latest reading (the next reading may take a spike flag off). */
  flags: { sensorId: string; time: number; flags: number }[];
  counts: Map<string, IngestCounts & { lastSeen: number | null }>;
}

const neighbourFreshMs = 10 * 60_000;
const readingsCacheKiB = 65_536;
const readingsCheckpointPages = 10_000;

/**
 * Live sensor readings: every MQTT payload is parsed, validated, flagged and queued; batches are
 * stored in one transaction each, then pushed to the renderers and run through the threshold
 * rules. Nothing is dropped: a payload that is not accepted is quarantined with its reason.
 */
export function createSensorService(options: SensorServiceOptions) {
  const { db, clock, push, logger } = options;
  const pushMs = options.pushMs ?? 50;
  const flushMs = options.flushMs ?? 250;
  const maxBatch = options.maxBatch ?? 20_000;
  const limits = options.limits ?? defaultLimits;
  const radius = options.neighbourRadius ?? 600;
  // Every batch appends to each sensor's own tail page of the readings: a page cache smaller than
  // the number of sensors would read those pages back from disk for every reading.
  if (Number(db.pragma('cache_size', { simple: true })) > -readingsCacheKiB) db.pragma(`cache_size = -${readingsCacheKiB}`);
  // For the same reason a batch can write more pages than SQLite's default checkpoint threshold
  // (1000): checkpointing after every commit would copy them all to the database file each time.
  if (Number(db.pragma('wal_autocheckpoint', { simple: true })) < readingsCheckpointPages) db.pragma(`wal_autocheckpoint = ${readingsCheckpointPages}`);
  const registry = createRegistry(db);
  const store = createReadingStore(db);
  const rules = createThresholdRules(options.alerts);
  registry.seed(options.seeds, clock.now());

  const states = new Map<string, SensorState>();
  function loadStates() {
    for (const sensor of registry.list()) {
      const state = states.get(sensor.id);
      if (state) state.sensor = sensor;
      else states.set(sensor.id, restore(newState(sensor)));
    }
    assignNeighbours(states, radius);
  }
  function restore(state: SensorState): SensorState {
    for (const r of store.recent(state.sensor.id, windowSize)) {
      remember(state.recent, r.time, r.value);
      state.latest = r;
    }
    return state;
  }
  loadStates();

  const counts = new Map<string, IngestCounts & { lastSeen: number | null }>();
  const total: IngestCounts = { received: 0, accepted: 0, quarantined: 0 };
  function loadCounts() {
    counts.clear();
    Object.assign(total, { received: 0, accepted: 0, quarantined: 0 });
    for (const [id, c] of store.counts()) {
      counts.set(id, c);
      total.received += c.received;
      total.accepted += c.accepted;
      total.quarantined += c.quarantined;
    }
  }
  loadCounts();
  const countFor = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { received: 0, accepted: 0, quarantined: 0, lastSeen: null }));
    return c;
  };

  let accepted: AcceptedRow[] = [];
  let quarantined: QuarantinedRow[] = [];
  /** The latest accepted reading per sensor: of the batch not yet stored, and of those not yet pushed. */
  let batchReadings = new Map<string, Reading>();
  let unpushed = new Map<string, Reading>();
  let timer: NodeJS.Timeout | null = null;
  let pushTimer: NodeJS.Timeout | null = null;
  let closed = false;

  function quarantine(topic: string, sensorId: string | null, reason: string, raw: Buffer, at: number) {
    quarantined.push({ receivedAt: at, topic, sensorId, reason, raw });
    const c = countFor(sensorId ?? unattributed);
    c.received++;
    c.quarantined++;
    c.lastSeen = at;
    total.received++;
    total.quarantined++;
  }

  /**
   * The reading after a suspected spike settles it: near the jump, the water really moved (a flood
   * front arriving), so the flag comes off the suspect and the quality window starts again from it;
   * back near the old line, the spike stands.
   */
  function settleSuspect(state: SensorState, value: number): void {
    const suspect = state.suspect;
    state.suspect = null;
    if (!suspect || state.latest?.time !== suspect.time || Math.abs(value - suspect.value) > suspect.limit) return;
    const spike = flagBits.spike;
    const queued = accepted.findLast((r) => r.sensorId === state.sensor.id && r.time === suspect.time);
    if (queued) queued.flags &= ~spike;
    else {
      const left = state.latest.flags.filter((f) => f !== 'spike');
      store.clearFlag(state.sensor.id, suspect.time, suspect.value, spike, left.length === 0);
    }
    const ring = state.flagRing.at(-1);
    if (ring) state.flagRing[state.flagRing.length - 1] = ring.filter((f) => f !== 'spike');
    state.recent = { times: [suspect.time], values: [suspect.value] };
  }

  /**
   * Takes one MQTT message: every reading in it is accepted or quarantined before this returns.
   * `at` is when it was received: now, or its recorded time when a replay re-publishes it.
   */
  function receive(topic: string, payload: Buffer, at = clock.now()): void {
    for (const parsed of parseMessage(topic, payload, at)) {
      if (!parsed.ok) {
        const { sensorId, reason, raw } = parsed.rejected;
        quarantine(topic, sensorId !== null && states.has(sensorId) ? sensorId : null, sensorId !== null && !states.has(sensorId) ? `unknown datastream "${sensorId.slice(0, 60)}": ${reason}` : reason, raw, at);
        continue;
      }
      const c = parsed.candidate;
      const state = states.get(c.sensorId);
      if (!state) {
        quarantine(topic, null, `unknown datastream "${c.sensorId.slice(0, 60)}" (not in the sensor registry)`, c.raw, at);
        continue;
      }
      const checked = validate(c, state.sensor, state.latest, at, limits);
      if ('reason' in checked) {
        quarantine(topic, c.sensorId, checked.reason, c.raw, at);
        continue;
      }
      const neighbours: number[] = [];
      for (const id of state.neighbours) {
        const n = states.get(id)?.latest;
        if (n && Math.abs(n.time - c.time) <= neighbourFreshMs && n.flags.length === 0) neighbours.push(n.value);
      }
      settleSuspect(state, checked.value);
      const flags = qualityFlags(state.sensor.kind, state.recent, neighbours, checked.value);
      if (flags.includes('spike')) state.suspect = { time: c.time, value: checked.value, limit: spikeBounds(state.sensor.kind, state.recent.values)!.limit };
      remember(state.recent, c.time, checked.value);
      const reading: Reading = { sensorId: c.sensorId, time: c.time, value: checked.value, flags, reconstructed: c.reconstructed, receivedAt: at };
      accepted.push({ sensorId: c.sensorId, time: c.time, value: checked.value, resultTime: c.resultTime, receivedAt: at, flags: flagsToBits(flags, c.reconstructed), raw: c.raw });
      noteAccepted(state, reading);
      batchReadings.set(c.sensorId, reading);
      unpushed.set(c.sensorId, reading);
      const count = countFor(c.sensorId);
      count.received++;
      count.accepted++;
      count.lastSeen = at;
      total.received++;
      total.accepted++;
    }
    if (accepted.length + quarantined.length >= maxBatch) flush();
    else if (!timer && !closed) timer = setTimeout(flush, flushMs);
    if (unpushed.size > 0 && !pushTimer && !closed) pushTimer = setTimeout(pushReadings, pushMs);
  }

  /**
   * Tells the renderers of the readings accepted since the last push (the latest of each sensor).
   * It may run before their batch is committed: the broker acknowledged them on receipt anyway,
   * and waiting for the commit would put a disk write in every reading's way to the screen.
   */
  function pushReadings(): void {
    if (pushTimer) clearTimeout(pushTimer);
    pushTimer = null;
    if (unpushed.size === 0) return;
    const readings = [...unpushed.values()];
    unpushed = new Map();
    push.emit('sensors.readings', { readings, counts: { ...total } });
  }

  /** Stores the queued batch in one transaction and runs the threshold rules on it. */
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (accepted.length === 0 && quarantined.length === 0) return;
    const batch = { accepted, quarantined, readings: batchReadings };
    accepted = [];
    quarantined = [];
    batchReadings = new Map();
    store.write(batch.accepted, batch.quarantined);
    const woke: string[] = [];
    for (const reading of batch.readings.values()) {
      const state = states.get(reading.sensorId)!;
      try {
        if (state.silent) {
          state.silent = false;
          woke.push(reading.sensorId);
          rules.silence(state.sensor, false, reading.receivedAt);
        }
        rules.apply(state.sensor, reading.value, reading.flags.length > 0, risePerHour(state, reading.time, reading.value));
      } catch (err) {
        logger.error(`sensor alerts for ${reading.sensorId} could not be written`, err);
      }
    }
    if (woke.length) push.emit('sensors.changed', { ids: woke });
    const trusted = [...batch.readings.values()].filter((r) => r.flags.length === 0).map((reading) => ({ sensor: states.get(reading.sensorId)!.sensor, reading }));
    if (trusted.length && options.onReadings) {
      try {
        options.onReadings(trusted);
      } catch (err) {
        logger.error('the readings could not be handed on to the forecasts', err);
      }
    }
  }

  /** Forgets the readings and rejects queued and not yet stored or pushed. */
  function dropQueued(): void {
    if (timer) clearTimeout(timer);
    if (pushTimer) clearTimeout(pushTimer);
    timer = pushTimer = null;
    accepted = [];
    quarantined = [];
    batchReadings = new Map();
    unpushed = new Map();
  }

  function checkSilence(): void {
    const now = clock.now();
    const fell: string[] = [];
    for (const state of states.values()) {
      if (state.silent || state.lastAcceptedAt === null) continue;
      if (now - state.lastAcceptedAt > state.sensor.silenceAfterSeconds * 1000) {
        state.silent = true;
        fell.push(state.sensor.id);
        try {
          rules.silence(state.sensor, true, state.lastAcceptedAt);
        } catch (err) {
          logger.error(`the silence alert for ${state.sensor.id} could not be written`, err);
        }
      }
    }
    if (fell.length) push.emit('sensors.changed', { ids: fell });
  }
  const silenceTimer = setInterval(checkSilence, options.silenceCheckMs ?? 1000);
  const pruneTimer = setInterval(() => store.prune(clock.now()), 3_600_000);
  const summaryTimer = setInterval(() => store.writeSummaries(), 5000);
  store.prune(clock.now());

  const handlers: HandlersFor<SensorMethods> = {
    'sensors.list': () => registry.list(),
    'sensors.update'(args, ctx) {
      const { sensorId, ...patch } = args;
      const sensor = registry.update(sensorId, patch, clock.now());
      loadStates();
      options.activity?.(ctx, `Sensor ${sensor.name} (${sensor.id}) edited: ${Object.keys(patch).join(', ') || 'nothing'}`);
      push.emit('sensors.changed', { ids: [sensor.id] });
      return sensor;
    },
    'sensors.latest': () => [...states.values()].flatMap((s) => (s.latest ? [s.latest] : [])),
    'sensors.series'(args) {
      if (!states.has(args.sensorId)) throw new PolderError('not_found', `No sensor with datastream id "${args.sensorId}"`);
      if (args.to < args.from) throw new PolderError('invalid_args', 'The series window ends before it starts (to < from)');
      flush();
      return { sensorId: args.sensorId, ...store.series(args.sensorId, args.from, args.to, args.maxPoints) };
    },
    'sensors.health'() {
      const now = clock.now();
      const sensors = [...states.values()].map((s) => {
        const c = counts.get(s.sensor.id);
        return {
          sensorId: s.sensor.id,
          lastSeen: c?.lastSeen ?? null,
          latest: s.latest,
          ratePerMinute: ratePerMinute(s, now),
          counts: { received: c?.received ?? 0, accepted: c?.accepted ?? 0, quarantined: c?.quarantined ?? 0 },
          flags: flagCounts(s),
          silent: s.silent,
        };
      });
      return { counts: { ...total }, sensors, retention: store.retention() };
    },
    'sensors.quarantine'(args) {
      flush();
      return store.quarantine(args.sensorId ?? null, args.beforeId ?? Number.MAX_SAFE_INTEGER, args.limit);
    },
    'sensors.setRetention'(args, ctx) {
      const retention = store.setRetention(args);
      options.activity?.(ctx, `Sensor data retention set: raw readings ${args.rawDays} days, summaries ${args.summaryDays} days`);
      store.prune(clock.now());
      return retention;
    },
  };

  return {
    handlers,
    receive,
    /** Stores what is queued now (and pushes it), instead of at the next timer. */
    flush(): void {
      flush();
      pushReadings();
    },
    checkSilence,
    /** Forgets every reading, reject and count, stored and queued (a replay going back in time starts again from none). */
    reset(): void {
      dropQueued();
      store.clear();
      states.clear();
      loadStates();
      loadCounts();
    },
    /** The ingest's state now, every message received up to `at` having been taken (from memory: nothing is stored or read). */
    checkpoint(at: number): SensorCheckpoint {
      const copies = [...states.values()].map((state) => ({ ...copyState(state), silent: false }));
      // The last flags noted are the latest reading's as stored (or queued), a spike flag taken off included.
      const flags = copies.flatMap((st) => (st.latest ? [{ sensorId: st.sensor.id, time: st.latest.time, flags: flagsToBits(st.flagRing.at(-1) ?? st.latest.flags, st.latest.reconstructed) }] : []));
      return { at, states: copies, flags, counts: new Map([...counts].map(([id, c]) => [id, { ...c }])) };
    },
    /**
     * Goes back to a checkpoint (a replay seeking back): what was received after it is forgotten.
     * Silence starts unknown, as after `reset`, until the next check.
     */
    rewind(checkpoint: SensorCheckpoint): void {
      // What was queued at the checkpoint is stored first, so that what is left after it is exactly what it saw.
      flush();
      dropQueued();
      store.rewind(checkpoint.at, checkpoint.flags, checkpoint.counts);
      states.clear();
      for (const state of checkpoint.states) states.set(state.sensor.id, copyState(state));
      loadStates();
      loadCounts();
    },
    /** Totals since the store was created: received = accepted + quarantined. */
    counts: (): IngestCounts => ({ ...total }),
    /** Registered datastream ids. */
    sensorIds: () => [...states.keys()],
    close(): void {
      closed = true;
      flush();
      pushReadings();
      store.writeSummaries();
      clearInterval(silenceTimer);
      clearInterval(pruneTimer);
      clearInterval(summaryTimer);
    },
  };
}

export type SensorService = ReturnType<typeof createSensorService>;
