import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { rowHash, type EventRow } from './event.ts';
import { verifyChain } from './chain.ts';
import { opsDatabasePath } from './service.ts';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

/** A store with a few commands in it, closed, then reopened raw with the append-only triggers dropped. */
async function tamperable() {
  env = testService({ seedUnits: [] });
  const fire = env.as('fire-lead');
  const task = await fire('tasks.create', { title: 'Pump Hunter St', department: 'fire' });
  await fire('tasks.update', { taskId: task.id, seen: task.version, title: 'Pump Hunter St underpass' });
  await fire('tasks.transition', { taskId: task.id, to: 'blocked', note: 'no power' });
  await fire('log.append', { text: 'Crew 2 on scene' });
  expect(env.service.verifyChain()).toMatchObject({ ok: true, events: 4, origins: 1 });
  await env.service.close();
  const db = new Database(opsDatabasePath(env.dir.dir));
  db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
  return db;
}

describe('tamper detection by the per-origin hash chain', () => {
  it('refuses UPDATE and DELETE while the triggers are in place', async () => {
    env = testService({ seedUnits: [] });
    await env.as('fire-lead')('log.append', { text: 'x' });
    expect(() => env.service.store.db.prepare("UPDATE events SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => env.service.store.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('detects an edited payload', async () => {
    const db = await tamperable();
    db.prepare("UPDATE events SET payload = replace(payload, 'no power', 'all fine') WHERE seq = 3").run();
    expect(verifyChain(db, 'dev_test').problems).toEqual([expect.objectContaining({ seq: 3, problem: 'content does not match its hash' })]);
    db.close();
  });

  it('detects an edit whose hash was recomputed, by the broken link of the next event', async () => {
    const db = await tamperable();
    const row = db.prepare('SELECT * FROM events WHERE seq = 2').get() as EventRow;
    const forged = { ...row, actor: 'eoc-lead' };
    db.prepare('UPDATE events SET actor = ?, hash = ? WHERE seq = 2').run(forged.actor, rowHash(forged));
    expect(verifyChain(db, 'dev_test').problems).toEqual([expect.objectContaining({ seq: 3, problem: 'does not link to event 2 of its origin' })]);
    db.close();
  });

  it('detects a deleted event of this device', async () => {
    const db = await tamperable();
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM events WHERE seq = 2').run();
    const report = verifyChain(db, 'dev_test');
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.problem)).toContain('events 2..2 of this device are missing');
    db.close();
  });
});
