import { describe, expect, it } from 'vitest';
import type { Board, Task, TaskStatus } from '../../../native/api/ops.ts';
import { patchBoard } from './board-patch.ts';
import { createBoardSync } from './board-sync.ts';

const statuses: TaskStatus[] = ['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled'];

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id, title: `Task ${id}`, description: '', department: 'fire', unitId: null, priority: 'normal', status: 'new', dueAt: null, location: null,
    alertId: null, incidentId: null, createdAt: 0, createdBy: 'x', updatedAt: 0, overdue: false, conflicts: 0, closed: false,
    allowedTransitions: [], refusedTransitions: [], allowedActions: [], assignMovesTo: null, version: id, boardRank: id, ...over,
  };
}

/** A board laid out the way native lays it out, from a list of tasks. */
function boardOf(tasks: Task[], seq: number): Board {
  const lanes = ['fire', 'police'].map((d) => {
    const mine = tasks.filter((t) => t.department === d).sort((a, b) => (a.boardRank < b.boardRank ? -1 : 1));
    const by = Object.fromEntries(statuses.map((s) => [s, mine.filter((t) => t.status === s)])) as Record<TaskStatus, Task[]>;
    return {
      department: { id: d, name: d, short: d },
      counts: Object.fromEntries(statuses.map((s) => [s, by[s].length])) as Record<TaskStatus, number>,
      overdue: mine.filter((t) => t.overdue).length,
      tasks: by,
    };
  });
  return { now: 0, seq, closedStatuses: ['done', 'cancelled'], lanes };
}

const ids = (b: Board, dept: string, s: TaskStatus) => b.lanes.find((l) => l.department.id === dept)!.tasks[s].map((t) => t.id);

describe('patchBoard', () => {
  it('moves a changed task to its column in rank order, drops gone ones, recounts, and leaves untouched lanes alone', () => {
    const before = boardOf([task('b'), task('d'), task('f', { status: 'assigned' }), task('x', { department: 'police' })], 1);
    const after = patchBoard(before, [task('f', { status: 'new', overdue: true, boardRank: 'c' })], ['d']);
    expect(ids(after, 'fire', 'new')).toEqual(['b', 'f']);
    expect(ids(after, 'fire', 'assigned')).toEqual([]);
    expect(after.lanes[0]!.counts).toMatchObject({ new: 2, assigned: 0 });
    expect(after.lanes[0]!.overdue).toBe(1);
    expect(after.lanes[1]).toBe(before.lanes[1]);
    expect(before.lanes[0]!.tasks.new.map((t) => t.id)).toEqual(['b', 'd']);
  });
});

/** An in-memory stand-in for native's board: tasks, a change counter, board.query and board.rows. */
function fakeHost() {
  const tasks = new Map<string, Task>();
  let seq = 0;
  let now = 0;
  const calls: string[] = [];
  const pushes: { ids: string[]; seq: number }[] = [];
  const rows = (wanted: string[]) => ({ now, rows: wanted.flatMap((id) => tasks.get(id) ?? []), gone: wanted.filter((id) => !tasks.has(id)) });
  return {
    calls,
    pushes,
    put(t: Task) {
      tasks.set(t.id, t);
      pushes.push({ ids: [t.id], seq: ++seq });
    },
    /** Time passes: tasks due before `to` become overdue (no push: nothing was written). */
    advance(to: number) {
      now = to;
      for (const t of tasks.values()) if (t.dueAt !== null && t.dueAt < now) tasks.set(t.id, { ...t, overdue: true, boardRank: `0${t.boardRank}` });
    },
    query: async () => (calls.push('query'), { ...boardOf([...tasks.values()], seq), now }),
    rows: async (wanted: string[]) => (calls.push(`rows ${wanted.join(',')}`), rows(wanted)),
    dueRows: async (since: number) => {
      calls.push(`dueRows ${since}`);
      return rows([...tasks.values()].filter((t) => t.dueAt !== null && t.dueAt >= since && t.dueAt < now).map((t) => t.id));
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

// The numbered-delta logic itself (gaps, races, bursts, failures) is tested once, in numbered-sync.test.ts.
describe('createBoardSync', () => {
  it('patches only the tasks each numbered push names, without querying the whole board again', async () => {
    const host = fakeHost();
    host.put(task('a'));
    let shown: Board | null = null;
    const sync = createBoardSync({ ...host, show: (b) => (shown = b), fail: (m) => expect.fail(m) });
    sync.reload();
    await settle();
    host.put(task('a', { status: 'assigned' }));
    host.put(task('b'));
    for (const p of host.pushes.slice(1)) sync.changed(p);
    await settle();
    expect(host.calls).toEqual(['query', 'rows a', 'rows b']);
    expect(ids(shown!, 'fire', 'assigned')).toEqual(['a']);
    expect(ids(shown!, 'fire', 'new')).toEqual(['b']);
  });

  it('patches the tasks that fell due since the board was made, asking from the time native last answered', async () => {
    const host = fakeHost();
    host.put(task('a', { boardRank: 'b', dueAt: 50 }));
    host.put(task('z', { boardRank: 'a', dueAt: 500 }));
    let shown: Board | null = null;
    const sync = createBoardSync({ ...host, show: (b) => (shown = b), fail: (m) => expect.fail(m) });
    sync.reload();
    await settle();
    expect(ids(shown!, 'fire', 'new')).toEqual(['z', 'a']);
    host.advance(100);
    sync.refreshDue();
    await settle();
    host.advance(200);
    sync.refreshDue();
    await settle();
    expect(host.calls).toEqual(['query', 'dueRows 0', 'dueRows 100']);
    expect(ids(shown!, 'fire', 'new')).toEqual(['a', 'z']);
    expect(shown!.lanes[0]!.overdue).toBe(1);
  });
});
