// Issue 11 item 4: someone with write access to the data folder edits the operations log behind
// the app's back. Each attack runs on a copy of a log written by a real `polder serve`; `polder db
// check` (a real child process) must report it, and a serve started on the tampered folder must
// keep answering without laundering the evidence.
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowHash, type EventRow } from '../../ops/event.ts';
import { decodeHlc, encodeHlc } from '../../ops/hlc.ts';
import { runPolder } from './polder-cli.ts';
import { startServeChild } from './serve-child.ts';

let work: string;
let written: string;
let copies = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'polder-tamper-'));
  written = join(work, 'written');
  const served = await startServeChild({ dataDir: written });
  expect(await served.alive()).toBe(true);
  await served.stop();
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh copy of the log the serve child wrote, opened raw as an attacker would. */
function copyOfLog(): { dir: string; db: Database.Database; origin: string } {
  const dir = join(work, `copy-${++copies}`);
  cpSync(written, dir, { recursive: true });
  const db = new Database(join(dir, 'ops.sqlite'));
  const origin = db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string;
  return { dir, db, origin };
}

interface CheckResult {
  ok: boolean;
  chain: { ok: boolean; events: number };
  anchors: { ok: boolean; anchor: { problem: string | null }; backups: { problems: { problem: string }[] } } | null;
  proves: string;
  cannotProve: string;
}

function dbCheck(dir: string): CheckResult {
  const run = runPolder(['db', 'check', '--json', '--data-dir', dir]);
  expect(run.signal).toBeNull();
  expect(run.stdout, run.stderr).not.toBe('');
  return JSON.parse(run.stdout) as CheckResult;
}

/** Rewrites event `seq` with `change` and re-chains every later event, as a careful forger would. */
function forgeAndRechain(db: Database.Database, origin: string, seq: number, change: Partial<EventRow>) {
  const rows = db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE origin = ? AND seq >= ? ORDER BY seq').all(origin, seq);
  let prev = db.prepare<[string, number], string>('SELECT hash FROM events WHERE origin = ? AND seq = ?').pluck().get(origin, seq - 1) ?? '';
  const replace = db.prepare(
    'INSERT OR REPLACE INTO events (pos, id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES (@pos, @id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash, @sig)',
  );
  for (const row of rows) {
    const forged: EventRow = { ...row, ...(row.seq === seq ? change : {}), prev_hash: prev };
    forged.hash = rowHash(forged);
    replace.run(forged);
    prev = forged.hash;
  }
}

describe('attacks on the operations log (item 4)', () => {
  it('the untouched log checks ok and says what the check proves and cannot', () => {
    const { dir, db } = copyOfLog();
    db.close();
    const check = dbCheck(dir);
    expect(check).toMatchObject({ ok: true, chain: { ok: true, events: 16 }, anchors: { ok: true } });
    expect(check.proves).toMatch(/removed from its end or rewritten/);
    expect(check.cannotProve).toMatch(/rewrites the database, chain-head.json and every backup/);
  });

  it('attack: INSERT OR REPLACE over an existing event is refused', () => {
    const { dir, db, origin } = copyOfLog();
    expect(() => forgeAndRechain(db, origin, 5, { actor: 'eoc-lead' })).toThrow(/append-only/);
    db.close();
    expect(dbCheck(dir)).toMatchObject({ ok: true, chain: { events: 16 } });
  });

  it('attack: a new event at an existing (origin, seq) is refused', () => {
    const { dir, db, origin } = copyOfLog();
    const row = db.prepare<[string], EventRow>('SELECT * FROM events WHERE origin = ? AND seq = 16').get(origin)!;
    const { pos: _pos, ...rest } = row;
    expect(() =>
      db.prepare('INSERT OR IGNORE INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES (@id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash, @sig)').run({ ...rest, id: 'forged-16' }),
    ).toThrow(/append-only/);
    db.close();
    expect(dbCheck(dir).ok).toBe(true);
  });

  it('attack: with every trigger dropped, an event rewritten and the rest re-chained (projections rebuilt) is detected', () => {
    const { dir, db, origin } = copyOfLog();
    for (const name of db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").pluck().all()) db.exec(`DROP TRIGGER ${name}`);
    forgeAndRechain(db, origin, 5, { actor: 'eoc-lead' });
    db.close();
    expect(runPolder(['db', 'rebuild', '--data-dir', dir]).signal).toBeNull();
    const check = dbCheck(dir);
    expect(check.chain.ok).toBe(true); // internally consistent: only the anchor can tell
    expect(check.ok).toBe(false);
    expect(check.anchors?.anchor.problem).toMatch(/#16 .* not the one recorded .*rewritten/);
  });

  it('attack: the last 5 events deleted and a forged, correctly chained event "by eoc-lead" appended is detected, and a serve on the folder keeps the evidence', async () => {
    const { dir, db, origin } = copyOfLog();
    for (const name of db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").pluck().all()) db.exec(`DROP TRIGGER ${name}`);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM events WHERE origin = ? AND seq > 11').run(origin);
    const last = db.prepare<[string], EventRow>('SELECT * FROM events WHERE origin = ? AND seq = 11').get(origin)!;
    const later = encodeHlc({ ...decodeHlc(last.hlc), wall: decodeHlc(last.hlc).wall + 60_000 });
    const forged: EventRow = { ...last, pos: undefined, id: '01900000-0000-7000-8000-00000000f0f0', seq: 12, hlc: later, actor: 'eoc-lead', prev_hash: last.hash, hash: '' };
    forged.hash = rowHash(forged);
    const { pos: _pos, ...values } = forged;
    db.prepare('INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES (@id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prev_hash, @hash, @sig)').run(values);
    db.close();
    expect(runPolder(['db', 'rebuild', '--data-dir', dir]).signal).toBeNull();
    const check = dbCheck(dir);
    expect(check.chain.ok).toBe(true);
    expect(check.ok).toBe(false);
    expect(check.anchors?.anchor.problem).toMatch(/#16 .*log ends at #12: events were removed/);

    const anchorBefore = readFileSync(join(dir, 'chain-head.json'), 'utf8');
    const served = await startServeChild({ dataDir: dir });
    try {
      expect(await served.alive()).toBe(true);
      expect(served.stderr()).toMatch(/does not match its chain-head anchor/);
    } finally {
      await served.stop();
    }
    expect(readFileSync(join(dir, 'chain-head.json'), 'utf8')).toBe(anchorBefore);
    expect(dbCheck(dir).ok).toBe(false);
  }, 60_000);
});
