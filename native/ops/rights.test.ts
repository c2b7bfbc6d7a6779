import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, AlertAction, Task, TaskStatus } from '../api/ops.ts';
import { alertActions, taskStatuses } from './rights.ts';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

// A lead and a member of the task's department, another department's lead, the EOC, and an observer.
const actors = ['eoc-lead', 'eoc-1', 'fire-lead', 'fire-1', 'police-lead', 'observer'];
const unit = 'unit-fire-engine-1';

type Setup = (taskId: string) => Promise<unknown>;

/** Ways to bring a fire task into each state (run by the EOC lead, who may do everything). */
function taskStates(): [string, Setup][] {
  const eoc = env.as('eoc-lead');
  const to = (taskId: string, ...path: TaskStatus[]) => path.reduce<Promise<unknown>>((p, s) => p.then(() => eoc('tasks.transition', { taskId, to: s })), Promise.resolve());
  const assign = (taskId: string) => eoc('tasks.assign', { taskId, unitId: unit });
  return [
    ['new, no unit', async () => {}],
    ['new with a unit', async (id) => assign(id).then(() => to(id, 'new'))],
    ['assigned', assign],
    ['in progress', (id) => assign(id).then(() => to(id, 'in_progress'))],
    ['blocked, no unit', (id) => to(id, 'blocked')],
    ['blocked with a unit', (id) => assign(id).then(() => to(id, 'blocked'))],
    ['done', (id) => assign(id).then(() => to(id, 'in_progress', 'done'))],
    ['cancelled', (id) => to(id, 'cancelled')],
  ];
}

async function freshTask(setup: Setup): Promise<string> {
  const { id } = await env.as('eoc-lead')('tasks.create', { title: 'Pump out the underpass', department: 'fire' });
  await setup(id);
  return id;
}

/** The task as `actorId` sees it on the board. */
async function row(actorId: string, taskId: string): Promise<Task> {
  const { rows } = await env.as(actorId)('board.rows', { ids: [taskId] });
  return rows[0]!;
}

const succeeds = (p: Promise<unknown>) => p.then(() => true, () => false);

describe('task rights on board rows match what the commands accept', () => {
  it('for every role × state, each transition succeeds iff allowedTransitions lists it, and refusedTransitions gives the refusal', async () => {
    env = testService();
    let checked = 0;
    for (const [state, setup] of taskStates()) {
      for (const actor of actors) {
        const { allowedTransitions: listed, refusedTransitions: refused, status } = await row(actor, await freshTask(setup));
        for (const to of taskStatuses) {
          const taskId = await freshTask(setup);
          const outcome = await env.as(actor)('tasks.transition', { taskId, to }).then(() => null, (err: Error) => err.message.toLowerCase());
          const accepted = outcome === null;
          expect({ state, actor, to, accepted }).toEqual({ state, actor, to, accepted: listed.includes(to) });
          const reason = refused.find((r) => r.statuses.includes(to))?.reason.toLowerCase() ?? null;
          if (to !== status) expect({ state, actor, to, reason: reason !== null && outcome !== null && outcome.endsWith(reason) }).toEqual({ state, actor, to, reason: !accepted });
          checked++;
        }
      }
    }
    expect(checked).toBe(8 * actors.length * taskStatuses.length);
  });

  it('for every role × state, editing and assigning succeed iff allowedActions lists them; assignMovesTo is where assigning lands', async () => {
    env = testService();
    for (const [state, setup] of taskStates()) {
      for (const actor of actors) {
        const before = await row(actor, await freshTask(setup));
        const editId = await freshTask(setup);
        const edited = await succeeds(env.as(actor)('tasks.update', { taskId: editId, seen: (await row('eoc-lead', editId)).version, title: 'Pump out the underpass (east)' }));
        expect({ state, actor, edited }).toEqual({ state, actor, edited: before.allowedActions.includes('edit') });

        const assignId = await freshTask(setup);
        const other = before.unitId === unit ? 'unit-fire-engine-2' : unit;
        const assigned = await succeeds(env.as(actor)('tasks.assign', { taskId: assignId, unitId: other }));
        expect({ state, actor, assigned }).toEqual({ state, actor, assigned: before.allowedActions.includes('assign') });
        if (assigned) {
          const after = await row(actor, assignId);
          expect({ state, actor, status: after.status }).toEqual({ state, actor, status: before.assignMovesTo ?? before.status });
        } else {
          expect(before.assignMovesTo).toBeNull();
        }
        expect(before.closed).toBe(before.status === 'done' || before.status === 'cancelled');
      }
    }
  });
});

describe('alert rights match what the commands accept', () => {
  it('for every role × state, each action succeeds iff allowedActions lists it', async () => {
    env = testService();
    const eoc = env.as('eoc-lead');
    const states: [string, (id: string) => Promise<unknown>][] = [
      ['raised', async () => {}],
      ['acknowledged', (id) => eoc('alerts.acknowledge', { alertId: id })],
      ['escalated to the top', (id) => eoc('alerts.escalate', { alertId: id, level: 5 })],
      ['resolved', (id) => eoc('alerts.resolve', { alertId: id })],
      ['dismissed', (id) => eoc('alerts.dismiss', { alertId: id })],
    ];
    const fresh = async (setup: (id: string) => Promise<unknown>) => {
      const { alert } = await eoc('alerts.raise', { source: 'field', title: 'Water over Maitland Rd', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' });
      await setup(alert.id);
      return alert.id;
    };
    const seen = async (actor: string, id: string): Promise<Alert> => (await env.as(actor)('alerts.list', { status: 'all' })).find((a) => a.id === id)!;
    for (const [state, setup] of states) {
      for (const actor of actors) {
        const listed = (await seen(actor, await fresh(setup))).allowedActions;
        for (const action of alertActions) {
          const alertId = await fresh(setup);
          const accepted = await succeeds(env.as(actor)(`alerts.${action}` satisfies `alerts.${AlertAction}`, { alertId }));
          expect({ state, actor, action, accepted }).toEqual({ state, actor, action, accepted: listed.includes(action) });
        }
      }
    }
    const loud = await fresh(async () => {});
    expect((await seen('fire-1', loud)).loud).toBe(true);
    await eoc('alerts.acknowledge', { alertId: loud });
    expect((await seen('fire-1', loud)).loud).toBe(false);
  });
});
