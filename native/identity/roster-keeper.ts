import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../logger.ts';
import { canonicalText } from './canonical.ts';
import { installRoster } from './held-roster.ts';
import type { Roster } from './roster.ts';
import { createEventVerifier, type EventVerifier } from './verify-event.ts';

export type RosterOffer = { outcome: 'adopted'; roster: Roster } | { outcome: 'held' } | { outcome: 'refused'; problem: string };

export interface RefusedRoster {
  org: string | null;
  version: number | null;
  source: string;
  problem: string;
  receivedAt: number;
  receipts: number;
}

const field = (raw: unknown, key: string, kind: 'string' | 'number') => {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === kind ? (value as string & number) : null;
};

/**
 * The roster a running node holds, and where a newer one comes in while it runs (the copy an admin
 * published on the broker): the same rule as `polder roster install`, signed by its own admin key
 * and a newer version under the admin key already held. An adopted roster is written to the data
 * folder and checks every event received from then on, so a device it revokes is refused at once.
 * A refused one is kept with the reason and logged; the copy already held, which the broker
 * delivers again on every reconnect, is not news.
 */
export function createRosterKeeper(options: { dataDir: string; roster: Roster; db: Database; now: () => number; logger: Logger }) {
  const { db, now, logger } = options;
  const state: { roster: Roster; verify: EventVerifier } = { roster: options.roster, verify: createEventVerifier(options.roster) };
  const s = {
    refuse: db.prepare<[{ digest: string; org: string | null; version: number | null; source: string; problem: string; roster: string; received_at: number }], unknown>(
      `INSERT INTO refused_rosters (digest, org, version, source, problem, roster, received_at) VALUES (@digest, @org, @version, @source, @problem, @roster, @received_at)
       ON CONFLICT (digest) DO UPDATE SET receipts = receipts + 1 RETURNING receipts`,
    ),
  };

  function refuse(raw: unknown, source: string, problem: string): RosterOffer {
    const text = JSON.stringify(raw) ?? 'null';
    const digest = createHash('sha256').update(problem).update('\n').update(text).digest('hex');
    const row = s.refuse.get({ digest, org: field(raw, 'org', 'string'), version: field(raw, 'version', 'number'), source, problem, roster: text, received_at: now() }) as { receipts: number };
    if (row.receipts === 1) logger.warn(`refused a roster from ${source}: ${problem}`);
    return { outcome: 'refused', problem };
  }

  return {
    get roster(): Roster {
      return state.roster;
    },
    /** The check of received events against the roster held now. */
    verify: ((ev, ctx) => state.verify(ev, ctx)) satisfies EventVerifier,
    /** Takes `raw` in when it may replace the roster held; `source` says where it came from, for the record of refusals. */
    offer(raw: unknown, source: string): RosterOffer {
      const held = state.roster;
      if (sameJson(raw, held)) return { outcome: 'held' };
      const result = installRoster(options.dataDir, raw, held);
      if (!result.ok) return refuse(raw, source, result.problem);
      state.roster = result.roster;
      state.verify = createEventVerifier(result.roster);
      logger.info(`adopted roster ${result.roster.org} v${result.roster.version} from ${source} (was v${held.version})`);
      return { outcome: 'adopted', roster: result.roster };
    },
    refused: (limit = 50) => refusedRosters(db, limit),
  };
}

/** The rosters a node refused, newest first. */
export function refusedRosters(db: Database, limit = 50): RefusedRoster[] {
  return db
    .prepare<[number], { org: string | null; version: number | null; source: string; problem: string; received_at: number; receipts: number }>(
      'SELECT org, version, source, problem, received_at, receipts FROM refused_rosters ORDER BY pos DESC LIMIT ?',
    )
    .all(limit)
    .map((r) => ({ org: r.org, version: r.version, source: r.source, problem: r.problem, receivedAt: r.received_at, receipts: r.receipts }));
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalText(a) === canonicalText(b);
  } catch {
    return false;
  }
}

export type RosterKeeper = ReturnType<typeof createRosterKeeper>;
