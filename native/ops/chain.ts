import type { Database } from 'better-sqlite3';
import { rowHash, type EventRow } from './event.ts';

export interface ChainProblem {
  origin: string;
  seq: number;
  id: string;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  events: number;
  origins: number;
  /** Events whose content or link does not match: tampering or damage. */
  problems: ChainProblem[];
  /** Missing sequence numbers of remote origins (not yet received), not tampering. */
  gaps: { origin: string; afterSeq: number; nextSeq: number }[];
}

/**
 * Recomputes every event's hash and checks each links to its origin's previous event. A gap in
 * `localOrigin`'s own sequence is a problem (this device writes contiguously); in others' it is
 * only events not yet received.
 */
export function verifyChain(db: Database, localOrigin?: string): ChainReport {
  const problems: ChainProblem[] = [];
  const gaps: ChainReport['gaps'] = [];
  let events = 0;
  let origins = 0;
  let prev: EventRow | null = null;
  for (const row of db.prepare<[], EventRow>('SELECT * FROM events ORDER BY origin, seq').iterate()) {
    events++;
    const sameOrigin: boolean = prev !== null && prev.origin === row.origin;
    if (!sameOrigin) origins++;
    const at = { origin: row.origin, seq: row.seq, id: row.id };
    if (rowHash(row) !== row.hash) problems.push({ ...at, problem: 'content does not match its hash' });
    if (sameOrigin && prev!.seq + 1 === row.seq) {
      if (row.prev_hash !== prev!.hash) problems.push({ ...at, problem: `does not link to event ${prev!.seq} of its origin` });
    } else if (sameOrigin && row.origin === localOrigin) {
      problems.push({ ...at, problem: `events ${prev!.seq + 1}..${row.seq - 1} of this device are missing` });
    } else if (sameOrigin) {
      gaps.push({ origin: row.origin, afterSeq: prev!.seq, nextSeq: row.seq });
    } else if (row.seq === 1 && row.prev_hash !== '') {
      problems.push({ ...at, problem: 'first event of its origin links to a predecessor' });
    } else if (row.seq > 1 && row.origin === localOrigin) {
      problems.push({ ...at, problem: `events 1..${row.seq - 1} of this device are missing` });
    } else if (row.seq > 1) {
      gaps.push({ origin: row.origin, afterSeq: 0, nextSeq: row.seq });
    }
    prev = row;
  }
  return { ok: problems.length === 0, events, origins, problems, gaps };
}
