import { afterEach, describe, expect, it } from 'vitest';
import { createProjector, dumpProjections } from './projector.ts';
import { codeOf, testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

describe('disk full (size-limited database)', () => {
  it('rolls the command back, raises an operator alarm, keeps reads working, and clears the alarm when space returns', async () => {
    env = testService();
    const db = env.service.store.db;
    const works = env.as('works-lead');
    await works('tasks.create', { title: 'Before the disk filled', department: 'works' });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 4}`);

    let failure = '';
    let counts = { events: 0, outbox: 0, timeline: 0, entities: 0 };
    for (let i = 0; i < 200 && !failure; i++) {
      counts = { events: env.count('events'), outbox: env.count('outbox'), timeline: env.count('timeline'), entities: env.count('entities') };
      failure = await codeOf(works('tasks.create', { title: `Filler ${i}`, description: 'sandbags '.repeat(400), department: 'works' })).catch(() => '');
    }
    expect(failure).toBe('storage_full');
    // nothing of the failed command stayed behind: log, projections and outbox moved together
    expect({ events: env.count('events'), outbox: env.count('outbox'), timeline: env.count('timeline'), entities: env.count('entities') }).toEqual(counts);
    const alarm = env.pushes.filter((p) => p.event === 'storage.alarm');
    expect(alarm).toEqual([{ event: 'storage.alarm', payload: { alarm: expect.objectContaining({ kind: 'storage_full' }) } }]);
    expect((await works('storage.status', {})).alarm).toMatchObject({ kind: 'storage_full' });

    const board = await env.as('observer')('board.query', { department: 'works' });
    expect(board.lanes[0]!.counts.new).toBe(counts.entities - 16); // every task but the failed one (16 seeded units)
    expect((await env.as('observer')('timeline.query', { limit: 1 })).length).toBe(1);
    const live = dumpProjections(db);
    // a rebuild on a full disk either completes or rolls back whole: never half-empty projections
    try {
      createProjector(db).rebuild();
    } catch (err) {
      expect(String(err)).toMatch(/full/);
    }
    expect(dumpProjections(db)).toEqual(live);

    db.pragma('max_page_count = 1073741823');
    await works('log.append', { text: 'Disk cleaned up' });
    expect(env.service.alarm()).toBeNull();
    expect(env.pushes.filter((p) => p.event === 'storage.alarm').at(-1)!.payload).toEqual({ alarm: null });
  });
});
