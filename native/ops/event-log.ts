import type { Database } from 'better-sqlite3';
import { canonicalJson } from './canonical-json.ts';
import { eventHash, rowHash, toRow, type EventPayload, type EventRow, type OpsEvent } from './event.ts';
import { checkEvent } from './event-check.ts';
import { decodeHlc, HlcDriftError, hlcNow, HlcOverflowError, hlcReceive, type HlcOptions, type HlcState } from './hlc.ts';
import type { Projector } from './projector.ts';
import type { Conflict } from './fold.ts';
import { uuidv7 } from './uuid.ts';
import { signEvent } from '../identity/event-signature.ts';
import type { SigningKey } from '../identity/keys.ts';
import { createQuarantine } from '../identity/quarantine.ts';
import type { QuarantineReason, Verdict } from '../identity/verify-event.ts';

export interface EventDraft {
  type: string;
  entity: string;
  payload: EventPayload;
}

export interface RemoteResult {
  applied: string[];
  duplicates: string[];
  /** Every event refused, each kept in the quarantine with `code` (the reason) and never applied. */
  rejected: { id: string; reason: string; code: QuarantineReason }[];
  conflicts: Conflict[];
}

/** Per received event (as it arrived), the public key its signature was already found valid under, off this thread. */
export type SignedBy = WeakMap<object, string>;

/** What the local log holds, for the trust check of a received event. */
export interface HeldEvents {
  heldAt(origin: string, seq: number): string | undefined;
  heldById(id: string): string | undefined;
}

export interface EventLogDeps {
  db: Database;
  origin: string;
  hlc: HlcState;
  hlcOptions: HlcOptions;
  projector: Projector;
  now(): number;
  /** This device's key: every local event is signed with it. */
  signer: SigningKey;
  /** Whether a received event may be applied (signature, device, role, sequence, clock: native/identity/verify-event.ts). */
  verify(ev: OpsEvent, held: HeldEvents & { signedBy?: string }): Verdict;
}

/**
 * Writes events: local ones get the next sequence number, an HLC and the chain link; remote ones
 * are checked (hash, link to their neighbours, clock drift) before they are stored. Callers wrap
 * calls in a transaction together with their own reads and checks.
 */
export function createEventLog(deps: EventLogDeps) {
  const { db, origin, projector } = deps;
  const s = {
    head: db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1'),
    at: db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE origin = ? AND seq = ?'),
    hashById: db.prepare<[string], string>('SELECT hash FROM events WHERE id = ?').pluck(),
    hashAt: db.prepare<[string, number], string>('SELECT hash FROM events WHERE origin = ? AND seq = ?').pluck(),
    insert: db.prepare<[EventRow]>(
      'INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES (@id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash, @sig)',
    ),
    outbox: db.prepare<[string, number]>('INSERT INTO outbox (event_id, enqueued_at) VALUES (?, ?)'),
  };

  /** Appends one local event, its projection and its outbox row. Call inside a transaction. */
  function appendLocal(actor: string, draft: EventDraft): { event: OpsEvent; conflicts: Conflict[] } {
    const head = s.head.get(origin);
    const hlc = hlcNow(deps.hlc, deps.now());
    const unsigned = {
      id: uuidv7(decodeHlc(hlc).wall),
      origin,
      seq: (head?.seq ?? 0) + 1,
      hlc,
      actor,
      type: draft.type,
      entity: draft.entity,
      payload: JSON.parse(canonicalJson(draft.payload)) as EventPayload,
      prevHash: head?.hash ?? '',
    };
    const hashed = { ...unsigned, hash: eventHash(unsigned) };
    const event: OpsEvent = { ...hashed, sig: signEvent(hashed, deps.signer) };
    s.insert.run(toRow(event));
    const conflicts = projector.apply(event);
    s.outbox.run(event.id, deps.now());
    return { event, conflicts };
  }

  const quarantine = createQuarantine(db, deps.now);
  const held: HeldEvents = { heldAt: (origin, seq) => s.hashAt.get(origin, seq), heldById: (id) => s.hashById.get(id) };

  /** `heldHash`: what the log holds under the event's id, read once per event. */
  function checkRemote(ev: OpsEvent, heldHash: string | undefined): string | null {
    // Only this device writes its own origin; a copy it does not hold would collide with its next seq.
    if (ev.origin === origin) return `claims this device's origin ${origin} but is not in its log`;
    const row = toRow(ev);
    if (rowHash(row) !== ev.hash) return 'content does not match its hash';
    if (heldHash !== undefined) return `event ${ev.id} is already held with different content`;
    const taken = s.at.get(ev.origin, ev.seq);
    if (taken) return `origin ${ev.origin} already has a different event at seq ${ev.seq} (fork)`;
    if (ev.seq === 1 && ev.prevHash !== '') return 'first event of its origin links to a predecessor';
    const before = ev.seq > 1 ? s.at.get(ev.origin, ev.seq - 1) : undefined;
    if (before && before.hash !== ev.prevHash) return `does not link to event ${ev.seq - 1} of its origin`;
    const after = s.at.get(ev.origin, ev.seq + 1);
    if (after && after.prev_hash !== ev.hash) return `event ${ev.seq + 1} of its origin does not link to it`;
    return null;
  }

  /**
   * Ingests events from other devices (the sync link calls this): dedupes by id, checks each
   * event's signature, device, author's role, sequence and clock (`verify`) and its chain, and
   * refolds entities that receive late events. Whatever fails is quarantined with its reason and
   * never applied; the rest is stored in one transaction. `signedBy` spares the signature checks
   * already made (the sync link's signature threads); any other signature is checked here.
   */
  function applyRemoteEvents(input: readonly unknown[], signedBy?: SignedBy): RemoteResult {
    const result: RemoteResult = { applied: [], duplicates: [], rejected: [], conflicts: [] };
    const refuse = (raw: unknown, id: string, code: QuarantineReason, reason: string) => {
      quarantine.put(raw, code, reason);
      result.rejected.push({ id, reason, code });
    };
    db.transaction(() => {
      const parsed: { ev: OpsEvent; raw: unknown }[] = [];
      for (const raw of input) {
        const checked = checkEvent(raw);
        if (checked.ok) parsed.push({ ev: checked.event, raw });
        else {
          const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '?';
          refuse(raw, id, 'malformed', `malformed event: ${checked.problem}`);
        }
      }
      parsed.sort((a, b) => (a.ev.origin < b.ev.origin ? -1 : a.ev.origin > b.ev.origin ? 1 : a.ev.seq - b.ev.seq));
      for (const { ev, raw } of parsed) {
        const heldHash = s.hashById.get(ev.id);
        if (heldHash === ev.hash) {
          result.duplicates.push(ev.id);
          continue;
        }
        const checkedUnder = typeof raw === 'object' && raw !== null ? signedBy?.get(raw) : undefined;
        const verdict = deps.verify(ev, { heldAt: held.heldAt, heldById: (id) => (id === ev.id ? heldHash : held.heldById(id)), signedBy: checkedUnder });
        if (!verdict.ok) {
          refuse(raw, ev.id, verdict.reason, verdict.detail);
          continue;
        }
        const problem = checkRemote(ev, heldHash);
        if (problem) {
          refuse(raw, ev.id, 'broken_chain', problem);
          continue;
        }
        try {
          hlcReceive(deps.hlc, ev.hlc, deps.now(), deps.hlcOptions);
        } catch (err) {
          if (!(err instanceof HlcDriftError || err instanceof HlcOverflowError)) throw err;
          refuse(raw, ev.id, 'clock_drift', err.message);
          continue;
        }
        s.insert.run(toRow(ev));
        result.conflicts.push(...projector.apply(ev));
        result.applied.push(ev.id);
      }
    })();
    return result;
  }

  return { appendLocal, applyRemoteEvents, quarantine };
}

export type EventLog = ReturnType<typeof createEventLog>;
