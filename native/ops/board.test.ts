import { demoPin } from '../identity/demo-pin.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../api/ops.ts';
import { codeOf, t0, testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

const minute = 60_000;
const ids = (tasks: Task[]) => tasks.map((t) => t.id);

describe('the board', () => {
  it('numbers every tasks.changed push, and a board says which number it includes', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    expect((await fire('board.query', {})).seq).toBe(0);
    const a = await fire('tasks.create', { title: 'Sandbag Scott St', department: 'fire' });
    await fire('tasks.assign', { taskId: a.id, unitId: 'unit-fire-engine-1' });
    const pushes = env.pushes.filter((p) => p.event === 'tasks.changed').map((p) => p.payload);
    expect(pushes).toEqual([{ ids: [a.id], seq: 1 }, { ids: [a.id], seq: 2 }]);
    expect((await fire('board.query', {})).seq).toBe(2);
  });

  it('answers board.rows with the rows that pass the filter and the ids that no longer do', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    const a = await fire('tasks.create', { title: 'Sandbag Scott St', department: 'fire', priority: 'high' });
    const b = await fire('tasks.create', { title: 'Check Wickham pump', department: 'fire' });
    const filter = { priority: 'high', includeClosed: false } as const;
    const first = await fire('board.rows', { ...filter, ids: [a.id, b.id, 'no-such-task'] });
    expect(ids(first.rows)).toEqual([a.id]);
    expect(first.gone).toEqual([b.id, 'no-such-task']);
    await fire('tasks.transition', { taskId: a.id, to: 'cancelled' });
    expect(await fire('board.rows', { ...filter, ids: [a.id] })).toMatchObject({ rows: [], gone: [a.id] });
    expect((await fire('board.rows', { ids: [a.id] })).rows[0]).toMatchObject({ status: 'cancelled', closed: true, allowedTransitions: [], allowedActions: [] });
    expect(await codeOf(fire('board.rows', { ids: [] }))).toBe('invalid_args');
  });

  it('answers board.dueRows with the tasks that fell due since a board was made, and what left the filter', async () => {
    env = testService();
    const works = env.as('works-lead');
    const soon = await works('tasks.create', { title: 'Clear culvert', department: 'works', dueAt: t0 + minute });
    await works('tasks.create', { title: 'Later', department: 'works', dueAt: t0 + 60 * minute });
    await works('tasks.create', { title: 'Whenever', department: 'works' });
    const board = await works('board.query', { overdue: false });
    env.clock.advance(5 * minute);
    const due = await works('board.dueRows', { since: board.now });
    expect(due.now).toBe(t0 + 5 * minute);
    expect(due.rows.map((t) => [t.id, t.overdue])).toEqual([[soon.id, true]]);
    expect(await works('board.dueRows', { overdue: false, since: board.now })).toMatchObject({ rows: [], gone: [soon.id] });
    expect(await works('board.dueRows', { since: due.now })).toMatchObject({ rows: [], gone: [] });
  });

  it('filters in SQL as it did in JS: status, closed, overdue both ways, text in any case', async () => {
    env = testService();
    const works = env.as('works-lead');
    const late = await works('tasks.create', { title: 'Clear Glebe Rd culvert', department: 'works', dueAt: t0 + minute, priority: 'critical' });
    const doneLate = await works('tasks.create', { title: 'Close Ärztehaus gate', department: 'works', dueAt: t0 + minute });
    const open = await works('tasks.create', { title: 'Deliver sandbags', department: 'works' });
    await works('tasks.transition', { taskId: doneLate.id, to: 'cancelled' });
    env.clock.advance(5 * minute);
    const lane = async (args: Parameters<typeof works<'board.query'>>[1]) => (await works('board.query', { department: 'works', ...args })).lanes[0]!;
    const all = (l: Awaited<ReturnType<typeof lane>>) => Object.values(l.tasks).flat();
    expect(ids(all(await lane({ overdue: true })))).toEqual([late.id]);
    expect(ids(all(await lane({ overdue: false }))).sort()).toEqual([doneLate.id, open.id].sort());
    expect(ids(all(await lane({ includeClosed: false }))).sort()).toEqual([late.id, open.id].sort());
    expect(ids(all(await lane({ status: 'cancelled' })))).toEqual([doneLate.id]);
    expect(ids(all(await lane({ text: 'äRZTE' })))).toEqual([doneLate.id]);
    const board = await lane({});
    expect(board.counts).toMatchObject({ new: 2, cancelled: 1 });
    expect(board.overdue).toBe(1);
    // Overdue first, then priority: the late critical task heads the New column.
    expect(ids(board.tasks.new)).toEqual([late.id, open.id]);
  });

  it('orders each column as before: overdue, priority, soonest due (none last), oldest, id', async () => {
    env = testService();
    const eoc = env.as('eoc-lead');
    const priorities = ['low', 'normal', 'high', 'critical'] as const;
    for (let i = 0; i < 40; i++) {
      await eoc('tasks.create', { title: `T${i}`, department: 'eoc', priority: priorities[(i * 7) % 4], dueAt: i % 3 === 0 ? null : t0 + ((i * 13) % 9) * minute });
      if (i % 5 === 0) env.clock.advance(minute);
    }
    env.clock.advance(3 * minute);
    const column = (await eoc('board.query', { department: 'eoc' })).lanes[0]!.tasks.new;
    const rank = { critical: 0, high: 1, normal: 2, low: 3 };
    const expected = [...column].sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || rank[a.priority] - rank[b.priority] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
    );
    expect(column.some((t) => t.overdue)).toBe(true);
    expect(ids(column)).toEqual(ids(expected));
  });

  it('signs a window out with session.logout', async () => {
    env = testService();
    const session = { id: 's1', actorId: null as string | null };
    const h = env.service.handlers;
    h['session.login']({ actorId: 'fire-1', secret: demoPin }, { session });
    expect(h['session.logout']({}, { session })).toBeNull();
    expect(h['session.current']({}, { session })).toBeNull();
    expect(() => h['board.query']({ includeClosed: true }, { session })).toThrow(/Sign in first/);
  });
});
