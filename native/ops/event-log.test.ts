import { describe, expect, it } from 'vitest';
import { eventHash, type OpsEvent } from './event.ts';
import { encodeHlc } from './hlc.ts';
import { memoryLog } from './test-db.ts';
import { uuidv7 } from './uuid.ts';

const now = 4_000_000_000_000;

function chain(origin: string, n: number, wall = now - 1000): OpsEvent[] {
  const out: OpsEvent[] = [];
  let prevHash = '';
  for (let i = 1; i <= n; i++) {
    const unsigned = {
      id: uuidv7(wall + i), origin, seq: i, hlc: encodeHlc({ wall: wall + i, counter: 0, node: origin }), actor: 'fire-1',
      type: i === 1 ? 'log.entry' : 'log.edited', entity: 'log-1', payload: { ...(i === 1 ? { create: true as const } : {}), set: { text: `v${i}` }, summary: `v${i}` }, prevHash,
    };
    const ev = { ...unsigned, hash: eventHash(unsigned), sig: null };
    prevHash = ev.hash;
    out.push(ev);
  }
  return out;
}

describe('applyRemoteEvents', () => {
  it('stores a verified chain once, whatever the order, and dedupes by id', () => {
    const { db, log } = memoryLog('local', () => now);
    const events = chain('dev_b', 4);
    expect(log.applyRemoteEvents([events[3], events[1]]).applied).toHaveLength(2);
    const second = log.applyRemoteEvents(events);
    expect(second).toMatchObject({ duplicates: [events[1]!.id, events[3]!.id], rejected: [] });
    expect(second.applied).toHaveLength(2);
    expect(JSON.parse(db.prepare("SELECT state FROM entities WHERE id = 'log-1'").pluck().get() as string)).toMatchObject({ text: 'v4' });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('rejects forged content, broken links, forks, clocks beyond the drift bound and malformed input, and stores the rest', () => {
    const { db, log } = memoryLog('local', () => now);
    const [a, b, c] = chain('dev_b', 3);
    const forged = { ...b!, actor: 'eoc-lead' };
    const { hash: _old, sig: _sig, ...badLink } = { ...chain('dev_c', 2)[1]!, prevHash: 'f'.repeat(64) };
    const relinked: OpsEvent = { ...badLink, hash: eventHash(badLink), sig: null };
    const fork = chain('dev_b', 1, now - 5000)[0]!;
    const future = chain('dev_d', 1, now + 3_600_000)[0]!;
    const result = log.applyRemoteEvents([a, forged, c, chain('dev_c', 1)[0], relinked, future, { id: 'junk' }]);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.id, r.reason]));
    expect(reasons[forged.id]).toBe('content does not match its hash');
    expect(reasons[relinked.id]).toBe('does not link to event 1 of its origin');
    expect(reasons[future.id]).toMatch(/ahead of ours/);
    expect(reasons.junk).toMatch(/malformed/);
    expect(result.applied).toEqual(expect.arrayContaining([a!.id, c!.id]));
    const again = log.applyRemoteEvents([fork, chain('local', 1)[0]]);
    expect(again.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/fork/), "claims this device's origin local but is not in its log"]);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(result.applied.length);
  });
});

describe('isJson', () => {
  it('accepts plain JSON and refuses what JSON cannot carry', async () => {
    const { isJson } = await import('./event.ts');
    expect(isJson({ a: [1, 'x', null, { b: true }] })).toBe(true);
    expect(isJson({ a: NaN })).toBe(false);
    expect(isJson({ a: undefined })).toBe(false);
    expect(isJson([() => 1])).toBe(false);
    expect(isJson(new Date(0))).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(isJson(deep)).toBe(false);
  });
});
