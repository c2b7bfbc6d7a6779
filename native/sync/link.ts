import { availableParallelism } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../api/sync.ts';
import type { Logger } from '../logger.ts';
import { connectMqtt, type MqttConfig, type MqttMessage } from '../mqtt/connection.ts';
import { createQuarantine } from '../identity/quarantine.ts';
import { eventSigningBytes } from '../identity/event-signature.ts';
import type { Roster } from '../identity/roster.ts';
import { createSignaturePool, type SignatureCheck, type SignaturePool } from '../identity/signature-pool.ts';
import { checkEvent } from '../ops/event-check.ts';
import type { SignedBy } from '../ops/event-log.ts';
import { fromRow, type EventRow } from '../ops/event.ts';
import type { OpsService } from '../ops/service.ts';
import { createPeers } from './peers.ts';
import { addSeq, heldRanges, isRanges, subtract, type Ranges } from './ranges.ts';
import { readSyncStatus, syncMeta } from './status.ts';
import { checkSegment, syncTopics } from './topics.ts';

export interface SyncLinkOptions {
  service: Pick<OpsService, 'deviceId' | 'outbox' | 'applyRemoteEvents' | 'store' | 'offerRoster' | 'roster'>;
  org: string;
  /** Broker URLs in failover order. */
  brokers: readonly string[];
  /** Connection settings beyond the broker list (TLS, credentials, timeouts). */
  mqtt?: Partial<Omit<MqttConfig, 'brokers' | 'clientId' | 'will'>>;
  now: () => number;
  logger: Logger;
  onStatus?: (status: SyncStatus) => void;
  /** Events per MQTT message. */
  batchSize?: number;
  /** Received events applied in one transaction at most. */
  applyBatch?: number;
  /** Messages of local events awaiting PUBACK at once. */
  inflight?: number;
  tickMs?: number;
  /** How long an unanswered gap request waits before it is asked again, maybe of another peer. */
  repairRetryMs?: number;
  /** How long a peer must have held an event before this node asks for it (it may be on its way). */
  repairGraceMs?: number;
  /** Events asked for in one gap request (and the most one request gets replayed). */
  repairBudget?: number;
  /** Events this node replays to each requester and to all together: at most `burst` at once, refilled at `perSecond`. */
  replayAllowance?: Record<'each' | 'total', { burst: number; perSecond: number }>;
  /** Receipts after which a refused sequence number is no longer asked for. */
  settledAfterReceipts?: number;
  /** Threads that check received signatures beside the main thread (0: applyRemoteEvents checks them). Default: one per spare core, at most 2. */
  signatureThreads?: number;
}

interface Bucket {
  events: number;
  tick: number;
}

interface Request {
  ranges: Ranges;
  untilTick: number;
}

/**
 * Syncs one node's operations log over MQTT. The SQLite outbox is the queue: local events go out
 * in batches and are marked sent on PUBACK, so whatever was not acknowledged goes again after a
 * reconnect. Received events go to applyRemoteEvents, which dedupes them by id, checks them
 * (native/identity/verify-event.ts) and applies them in the ops transaction; anything refused is
 * quarantined there with its reason, in the one quarantine. Each node keeps a retained digest
 * of the sequence runs it holds per origin; a node that lacks some of what a peer holds asks for
 * those runs and the peer replays them from its log, which repairs whatever the broker lost.
 */
export function startSyncLink(options: SyncLinkOptions) {
  const { service, now, logger } = options;
  const me = service.deviceId;
  checkSegment('device id', me);
  const topics = syncTopics(options.org);
  const db: Database = service.store.db;
  const quarantine = createQuarantine(db, now);
  const peers = createPeers(db, now);
  const meta = syncMeta(db);
  const batchSize = options.batchSize ?? 500;
  const tickMs = options.tickMs ?? 100;
  const retryTicks = Math.max(1, Math.round((options.repairRetryMs ?? 1500) / tickMs));
  const graceTicks = Math.round((options.repairGraceMs ?? 1000) / tickMs);
  const budget = options.repairBudget ?? 5000;
  const settledAfter = options.settledAfterReceipts ?? 3;
  const applyBatch = options.applyBatch ?? 2000;
  const replayAllowance = options.replayAllowance ?? { each: { burst: 20_000, perSecond: 5000 }, total: { burst: 60_000, perSecond: 20_000 } };
  const threads = options.signatureThreads ?? Math.min(2, availableParallelism() - 1);
  const s = {
    stamp: db.prepare<[], number | null>('SELECT max(pos) FROM events').pluck(),
    since: db.prepare<[number], { origin: string; seq: number }>('SELECT origin, seq FROM events WHERE pos > ?'),
    range: db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE origin = ? AND seq BETWEEN ? AND ? ORDER BY seq'),
    unsentAfter: db.prepare<[string, number, number], EventRow>(
      'SELECT e.* FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.sent_at IS NULL AND e.origin = ? AND e.seq > ? ORDER BY e.seq LIMIT ?',
    ),
  };

  const state = {
    closed: false,
    tick: 0,
    inFlight: new Set<string>(),
    batchesInFlight: 0,
    /** The outbox is read on from here while batches await their PUBACK (rather than from the start each time). */
    queuedUpTo: 0,
    stamp: -1,
    mine: {} as Record<string, Ranges>,
    digestDirty: true,
    lastDigestTick: -Infinity,
    /** Per peer, the digests it published, newest last, kept back to the newest one older than the grace. */
    peerDigests: new Map<string, { tick: number; ranges: Record<string, Ranges> }[]>(),
    requests: new Map<string, Request>(),
    rotation: 0,
    lastSync: meta.lastSync(),
    lastSyncWritten: meta.lastSync(),
    lastStatus: '',
    received: [] as unknown[],
    /** Received events whose signature a thread found valid, with the key it held. */
    signedBy: new WeakMap<object, string>() as SignedBy,
    /** Signature checks on their way back from the threads (their events are not in `received` yet). */
    checking: new Set<Promise<void>>(),
    deviceKeys: { roster: null as Roster | null, keys: new Map<string, string>() },
    /** Per requester (by the `from` of its gap requests), the events it may still have replayed. */
    allowances: new Map<string, Bucket>(),
    allRequesters: { events: replayAllowance.total.burst, tick: 0 } as Bucket,
    applySoon: null as NodeJS.Immediate | null,
    /** Made when the first events arrive: a node that only sends never starts the threads. */
    pool: null as SignaturePool | null,
  };
  meta.setBrokers(options.brokers);
  meta.setConnected(null);

  const conn = connectMqtt(
    {
      ...options.mqtt,
      brokers: options.brokers,
      clientId: `polder-${options.org}-${me}`.slice(0, 128),
      will: { topic: topics.presence(me), payload: JSON.stringify({ node: me, online: false }), retain: true, qos: 1 },
    },
    {
      onConnect: (info) => {
        logger.info(`sync: connected to ${info.url}${info.sessionPresent ? ' (session kept)' : ''}`);
        meta.setConnected(info.url);
        state.queuedUpTo = 0;
        state.digestDirty = true;
        state.requests.clear();
        publishQuietly(topics.presence(me), JSON.stringify({ node: me, online: true }), true);
        tick();
      },
      onDisconnect: (url, reason) => {
        logger.warn(`sync: lost ${url}: ${reason}`);
        meta.setConnected(null);
        report();
      },
      onMessage: (message) => receive(message),
    },
  );
  // A node's own events coming back from the broker would only be parsed, checked and dropped as duplicates.
  void conn.subscribe([topics.allEvents], { noLocal: true });
  void conn.subscribe(topics.control);

  function publishQuietly(topic: string, payload: string, retain = false) {
    conn.publish(topic, payload, { retain }).catch(() => {});
  }

  function synced() {
    state.lastSync = now();
  }

  // Local events out -------------------------------------------------------------------------

  function drain() {
    while (conn.connected && state.batchesInFlight < (options.inflight ?? 4)) {
      const batch = s.unsentAfter
        .all(me, state.queuedUpTo, batchSize)
        .map(fromRow)
        .filter((e) => !state.inFlight.has(e.id));
      if (batch.length === 0) return;
      const first = batch[0]!.seq;
      state.queuedUpTo = batch.at(-1)!.seq;
      const ids = batch.map((e) => e.id);
      ids.forEach((id) => state.inFlight.add(id));
      state.batchesInFlight += 1;
      conn
        .publish(topics.events(me), JSON.stringify({ events: batch }))
        .then(
          () => {
            if (state.closed) return;
            service.outbox.markSent(ids);
            synced();
          },
          () => {
            if (state.closed) return;
            service.outbox.attempted(ids);
            state.queuedUpTo = Math.min(state.queuedUpTo, first - 1);
          },
        )
        .finally(() => {
          ids.forEach((id) => state.inFlight.delete(id));
          state.batchesInFlight -= 1;
          if (!state.closed) drain();
        });
    }
  }

  // Received messages ------------------------------------------------------------------------

  function receive(message: MqttMessage) {
    const where = topics.parse(message.topic);
    if (!where) return;
    if (where.channel === 'roster') return receiveRoster(message);
    let body: unknown;
    try {
      body = JSON.parse(message.payload.toString('utf8'));
    } catch {
      logger.warn(`sync: ignored a message on ${message.topic} that is not JSON`);
      return;
    }
    if (typeof body !== 'object' || body === null) return;
    const b = body as Record<string, unknown>;
    switch (where.channel) {
      case 'events':
        if (Array.isArray(b.events)) receiveEvents(b.events);
        break;
      case 'digest':
        if (where.id !== me && typeof b.ranges === 'object' && b.ranges !== null) receiveDigest(where.id, b.ranges as Record<string, unknown>);
        break;
      case 'req':
        if (b.ask === me && isRanges(b.ranges)) replay(typeof b.from === 'string' ? b.from : '?', where.id, b.ranges);
        break;
      case 'presence':
        if (where.id !== me && message.payload.length > 0) peers.seen(where.id, b.online === true);
        break;
    }
  }

  /** The roster an admin published: the service adopts it or keeps it among the refused, with why. */
  function receiveRoster(message: MqttMessage) {
    // An empty retained message only clears the topic on the broker.
    if (message.payload.length === 0) return;
    const text = message.payload.toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text: refused below as not a roster, never dropped unseen
    }
    service.offerRoster(body, `the broker ${conn.url ?? '?'}`);
  }

  /**
   * Received events wait for the messages already read off the socket and are applied together:
   * one transaction (one commit) per burst instead of one per message. The broker has the PUBACK
   * by then; were the node to stop before applying, its digest would still lack them and gap
   * repair would fetch them again from any holder.
   */
  function receiveEvents(raw: unknown[]) {
    if (state.closed) return;
    if (threads <= 0) return queueReceived(raw);
    const pool = (state.pool ??= createSignaturePool(threads));
    const keys = deviceKeys();
    const checks: SignatureCheck[] = [];
    const owners: object[] = [];
    for (const r of raw) {
      const checked = checkEvent(r);
      if (!checked.ok || checked.event.sig === null) continue;
      const publicKey = keys.get(checked.event.origin);
      if (publicKey === undefined) continue;
      checks.push({ publicKey, bytes: eventSigningBytes(checked.event), signature: checked.event.sig });
      owners.push(r as object);
    }
    const done: Promise<void> = pool
      .check(checks)
      .then(
        (valid) => valid.forEach((ok, i) => ok && state.signedBy.set(owners[i]!, checks[i]!.publicKey)),
        (error: Error) => logger.warn(`sync: the signature threads failed (${error.message}); these events are checked on the main thread`),
      )
      .finally(() => {
        state.checking.delete(done);
        if (!state.closed) queueReceived(raw);
      });
    state.checking.add(done);
  }

  function queueReceived(raw: unknown[]) {
    state.received.push(...raw);
    if (state.received.length >= applyBatch) applyReceived();
    else state.applySoon ??= setImmediate(applyReceived);
  }

  /** The public key of each device the roster held now lets write (a newer roster may arrive while running). */
  function deviceKeys(): Map<string, string> {
    const roster = service.roster;
    if (state.deviceKeys.roster !== roster) state.deviceKeys = { roster, keys: new Map(roster.devices.filter((d) => !d.revoked).map((d) => [d.id, d.publicKey])) };
    return state.deviceKeys.keys;
  }

  function applyReceived() {
    if (state.applySoon) clearImmediate(state.applySoon);
    state.applySoon = null;
    const batch = state.received.splice(0);
    if (state.closed || batch.length === 0) return;
    if (service.applyRemoteEvents(batch, state.signedBy).applied.length) synced();
  }

  function receiveDigest(node: string, ranges: Record<string, unknown>) {
    const clean: Record<string, Ranges> = {};
    for (const [origin, r] of Object.entries(ranges)) if (isRanges(r)) clean[origin] = r;
    const history = state.peerDigests.get(node) ?? [];
    history.push({ tick: state.tick, ranges: clean });
    state.peerDigests.set(node, history);
    peers.seen(node, true);
  }

  /**
   * Publishes the asked-for events of `origin` that this log holds, on that origin's topic, within
   * what `requester` has left of its replay allowance and what all requesters together have left
   * (a requester names itself, so a client could rotate names): asking again and again cannot make
   * this node replay its log without pause.
   */
  function replay(requester: string, origin: string, ranges: Ranges) {
    const mine = allowanceOf(requester);
    const everyone = refill(state.allRequesters, replayAllowance.total);
    let left = Math.min(budget, Math.floor(mine.events), Math.floor(everyone.events));
    for (const [lo, hi] of ranges) {
      if (left <= 0) break;
      const rows = s.range.all(origin, lo, Math.min(hi, lo + left - 1));
      left -= rows.length;
      mine.events -= rows.length;
      everyone.events -= rows.length;
      for (let i = 0; i < rows.length; i += batchSize) {
        publishQuietly(topics.events(origin), JSON.stringify({ events: rows.slice(i, i + batchSize).map(fromRow) }));
      }
    }
  }

  /** Tops up a token bucket by the ticks since it was last drawn from. */
  function refill(bucket: Bucket, rate: { burst: number; perSecond: number }): Bucket {
    bucket.events = Math.min(rate.burst, bucket.events + ((state.tick - bucket.tick) * rate.perSecond * tickMs) / 1000);
    bucket.tick = state.tick;
    return bucket;
  }

  function allowanceOf(requester: string): Bucket {
    const bucket = state.allowances.get(requester) ?? { events: replayAllowance.each.burst, tick: state.tick };
    // Most recently asking last; only the latest 1000 requesters are remembered.
    state.allowances.delete(requester);
    state.allowances.set(requester, bucket);
    if (state.allowances.size > 1000) state.allowances.delete(state.allowances.keys().next().value as string);
    return refill(bucket, replayAllowance.each);
  }

  // Digests and gap repair -------------------------------------------------------------------

  /** Keeps `mine` current from the events appended since last time (the whole log only once). */
  function refreshHoldings() {
    const stamp = s.stamp.get() ?? 0;
    if (stamp === state.stamp) return;
    if (state.stamp < 0) state.mine = heldRanges(db);
    else for (const { origin, seq } of s.since.iterate(state.stamp)) addSeq((state.mine[origin] ??= []), seq);
    state.stamp = stamp;
    state.digestDirty = true;
  }

  function publishDigest() {
    const everyTicks = Math.max(1, Math.round(500 / tickMs));
    const heartbeatTicks = Math.max(1, Math.round(10_000 / tickMs));
    const since = state.tick - state.lastDigestTick;
    if (!(state.digestDirty && since >= everyTicks) && since < heartbeatTicks) return;
    state.digestDirty = false;
    state.lastDigestTick = state.tick;
    publishQuietly(topics.digest(me), JSON.stringify({ node: me, ranges: state.mine }), true);
  }

  /**
   * What each peer held at least the grace ago: events it got since are most likely still on
   * their way here through the broker, and asking for them would only fetch them twice.
   */
  function settledDigests(): Map<string, Record<string, Ranges>> {
    const out = new Map<string, Record<string, Ranges>>();
    for (const [node, history] of state.peerDigests) {
      const old = history.filter((d) => state.tick - d.tick >= graceTicks);
      const newest = old.at(-1);
      if (!newest) continue;
      history.splice(0, history.indexOf(newest));
      out.set(node, newest.ranges);
    }
    return out;
  }

  function askForGaps() {
    // Events received but not yet applied are not in `mine`: asking now would fetch them twice.
    if (state.received.length > 0 || state.checking.size > 0) return;
    const digests = settledDigests();
    const settled = new Map<string, Ranges>();
    for (const { origin, seq } of quarantine.settled(settledAfter)) settled.set(origin, [...(settled.get(origin) ?? []), [seq, seq]]);
    const origins = new Set<string>();
    for (const digest of digests.values()) Object.keys(digest).forEach((o) => origins.add(o));
    for (const origin of origins) {
      if (origin === me) continue;
      const have = merge([...(state.mine[origin] ?? []), ...(settled.get(origin) ?? [])]);
      const open = state.requests.get(origin);
      if (open && (state.tick < open.untilTick && subtract(open.ranges, have).length > 0)) continue;
      const candidates = [...digests.keys()].sort((a, b) => rank(a, origin) - rank(b, origin));
      const offset = state.rotation++;
      for (let i = 0; i < candidates.length; i += 1) {
        const peer = candidates[(i + (candidates[0] === origin ? 0 : offset)) % candidates.length] as string;
        const theirs = digests.get(peer)?.[origin];
        if (!theirs) continue;
        const missing = subtract(theirs, have, budget);
        if (missing.length === 0) continue;
        state.requests.set(origin, { ranges: missing, untilTick: state.tick + retryTicks });
        publishQuietly(topics.request(origin), JSON.stringify({ from: me, ask: peer, ranges: missing }));
        break;
      }
    }
  }

  /** Ask the origin itself first, then peers that are online. */
  function rank(peer: string, origin: string): number {
    if (peer === origin) return 0;
    return peerOnline(peer) ? 1 : 2;
  }

  function peerOnline(node: string): boolean {
    return peers.list().find((p) => p.node === node)?.online ?? false;
  }

  // The loop -----------------------------------------------------------------------------------

  function status(): SyncStatus {
    return { ...readSyncStatus(db, now), brokers: [...options.brokers], connected: conn.url, lastSync: state.lastSync };
  }

  function report() {
    if (state.lastSync !== null && state.lastSync !== state.lastSyncWritten) {
      meta.setLastSync(state.lastSync);
      state.lastSyncWritten = state.lastSync;
    }
    if (!options.onStatus) return;
    const current = status();
    const text = JSON.stringify(current);
    if (text === state.lastStatus) return;
    state.lastStatus = text;
    options.onStatus(current);
  }

  function tick() {
    if (state.closed) return;
    state.tick += 1;
    try {
      refreshHoldings();
      if (conn.connected) {
        drain();
        publishDigest();
        askForGaps();
      }
      report();
    } catch (error) {
      logger.error('sync: tick failed', error);
    }
  }

  const timer = setInterval(tick, tickMs);

  return {
    status,
    get connected() {
      return conn.connected;
    },
    /** Says goodbye (presence offline) and closes; the outbox keeps whatever was not acknowledged. */
    async close(): Promise<void> {
      if (state.closed) return;
      clearInterval(timer);
      await Promise.race([Promise.allSettled(state.checking), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      applyReceived();
      if (conn.connected) {
        await Promise.race([
          conn.publish(topics.presence(me), JSON.stringify({ node: me, online: false }), { retain: true }).catch(() => {}),
          new Promise((resolve) => setTimeout(resolve, 1000).unref()),
        ]);
      }
      state.closed = true;
      report();
      await conn.close();
      await state.pool?.close();
      meta.setConnected(null);
    },
  };
}

export type SyncLink = ReturnType<typeof startSyncLink>;

function merge(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
