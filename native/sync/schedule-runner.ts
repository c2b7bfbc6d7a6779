import { setTimeout as sleep } from 'node:timers/promises';
import { PolderError } from '../api/errors.ts';
import type { Mosquitto, TcpProxy } from '../mqtt/test-broker.ts';
import { converged, testNodes, type TestNode } from './test-nodes.ts';

/** One thing that happens during a sync schedule; nodes and tasks are picked by index, modulo. */
export type Step =
  | { kind: 'create'; node: number }
  | { kind: 'edit'; node: number; task: number }
  | { kind: 'move'; node: number; task: number; to: 'in_progress' | 'blocked' | 'done' }
  | { kind: 'cut'; node: number; mode: 'blackhole' | 'reset' | 'delay' }
  | { kind: 'heal'; node: number }
  | { kind: 'kill' }
  | { kind: 'restart' }
  | { kind: 'wait'; ms: number };

export interface Schedule {
  steps: Step[];
  /** How far the third node's clock is off, in ms (within the drift bound). */
  skewMs: number;
}

export interface ScheduleHarness {
  broker: Mosquitto;
  /** One proxy per node, between it and the broker. */
  proxies: TcpProxy[];
}

interface Edit {
  node: string;
  task: string;
  event: string;
  /** The earlier edits of the same task its writer held when writing it. */
  held: Set<string>;
}

/**
 * Runs a schedule on three fresh nodes (own data folders, one clock skewed) through one proxy
 * each to a shared mosquitto, heals everything, and checks the outcome: identical event sets and
 * projections, every event any node wrote present everywhere, no duplicate or missing sequence
 * numbers, nothing quarantined, and a conflict on every node wherever two edits of the same
 * field were made without either author having the other's.
 */
export async function runSchedule(harness: ScheduleHarness, schedule: Schedule, org: string): Promise<{ events: number; collisions: number; kills: number }> {
  const { broker, proxies } = harness;
  const nodes = testNodes(3, { org, skewMs: (i) => (i === 2 ? schedule.skewMs : 0) });
  const brokerDown = { value: false };
  const counts = { kills: 0 };
  try {
    nodes.forEach((n, i) => n.connect([proxies[i]!.url]));
    const written: string[] = [];
    const edits: Edit[] = [];
    const collisions: [Edit, Edit][] = [];
    const lastEvent = (n: TestNode) => n.service.store.db.prepare<[string], string>('SELECT id FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1').pluck().get(n.id)!;
    const holds = (n: TestNode, id: string) => n.service.store.db.prepare<[string], number>('SELECT 1 FROM events WHERE id = ?').pluck().get(id) === 1;
    const tasksOf = (n: TestNode) => n.service.store.db.prepare<[], string>("SELECT id FROM entities WHERE kind = 'task' ORDER BY id").pluck().all();
    const refusedOk = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return true;
      } catch (err) {
        if (err instanceof PolderError) return false;
        throw err;
      }
    };

    // Two tasks everyone knows, so the schedule's edits have something to collide on.
    for (const title of ['Pump Hunter St', 'Sandbag Wickham']) {
      await nodes[0]!.as('eoc-lead')('tasks.create', { title, department: 'fire' });
      written.push(lastEvent(nodes[0]!));
    }
    await converged(nodes);

    for (const [index, step] of schedule.steps.entries()) {
      nodes.forEach((n) => n.clock.advance(1000));
      switch (step.kind) {
        case 'create': {
          const node = nodes[step.node % 3]!;
          await node.as('eoc-lead')('tasks.create', { title: `task ${index} by ${node.id}`, department: 'fire' });
          written.push(lastEvent(node));
          break;
        }
        case 'edit':
        case 'move': {
          const node = nodes[step.node % 3]!;
          const tasks = tasksOf(node);
          if (tasks.length === 0) break;
          const taskId = tasks[step.task % tasks.length]!;
          const { task } = await node.as('eoc-lead')('tasks.get', { taskId });
          const done = await refusedOk(() =>
            step.kind === 'edit'
              ? node.as('eoc-lead')('tasks.update', { taskId, seen: task.version, title: `title ${index} by ${node.id}` })
              : node.as('eoc-lead')('tasks.transition', { taskId, to: step.to, seen: task.version }),
          );
          if (!done) break;
          const event = lastEvent(node);
          written.push(event);
          if (step.kind === 'edit') {
            const earlier = edits.filter((e) => e.task === taskId);
            const edit = { node: node.id, task: taskId, event, held: new Set(earlier.filter((e) => holds(node, e.event)).map((e) => e.event)) };
            for (const e of earlier) if (!edit.held.has(e.event)) collisions.push([e, edit]);
            edits.push(edit);
          }
          break;
        }
        case 'cut':
          proxies[step.node % 3]!.setMode(step.mode === 'delay' ? { kind: 'delay', delayMs: 40 } : { kind: step.mode });
          break;
        case 'heal':
          proxies[step.node % 3]!.setMode({ kind: 'pass' });
          break;
        case 'kill':
          if (!brokerDown.value) await broker.kill9();
          counts.kills += 1;
          brokerDown.value = true;
          break;
        case 'restart':
          if (brokerDown.value) await broker.start();
          brokerDown.value = false;
          break;
        case 'wait':
          await sleep(step.ms);
          break;
      }
    }

    // Heal: the broker back, stale connections through a blackhole reset, every path open.
    if (brokerDown.value) await broker.start();
    brokerDown.value = false;
    for (const p of proxies) {
      if (p.mode.kind !== 'pass') p.setMode({ kind: 'reset' });
      p.setMode({ kind: 'pass' });
    }
    await converged(nodes, 30_000);

    const [first, ...rest] = nodes as [TestNode, TestNode, TestNode];
    for (const n of rest) {
      if (n.digest() !== first.digest()) throw new Error(`${n.id}'s projections differ from ${first.id}'s`);
    }
    for (const n of nodes) {
      const missing = written.filter((id) => !holds(n, id));
      if (missing.length) throw new Error(`${n.id} lacks ${missing.length} acknowledged events`);
      const holes = n.service.store.db.prepare<[], number>('SELECT count(*) FROM (SELECT origin, max(seq) AS top, count(*) AS n FROM events GROUP BY origin) WHERE top <> n').pluck().get();
      if (holes) throw new Error(`${n.id} has missing or duplicate sequence numbers for ${holes} origins`);
      const quarantined = n.link!.status().quarantined;
      if (quarantined) throw new Error(`${n.id} quarantined ${quarantined} events: ${n.service.quarantined(50).items.map((q) => q.detail).join('; ')}`);
      const conflictsOn = n.service.store.db.prepare<[string], string>("SELECT lost_event FROM conflicts WHERE entity = ? AND field = 'title'").pluck();
      const hlcOf = n.service.store.db.prepare<[string], string>('SELECT hlc FROM events WHERE id = ?').pluck();
      for (const [a, b] of collisions) {
        // Of two edits made without either writer holding the other, the earlier by HLC is written
        // over; the conflict names it as lost, or an edit made over it by someone who held it.
        const lower = (hlcOf.get(a.event) ?? '') < (hlcOf.get(b.event) ?? '') ? a : b;
        const line = new Set([lower.event, ...edits.filter((e) => e.held.has(lower.event)).map((e) => e.event)]);
        if (!conflictsOn.all(a.task).some((lost) => line.has(lost))) {
          const history = n.service.store.db
            .prepare<[string], { id: string; hlc: string; type: string; payload: string }>('SELECT id, hlc, type, payload FROM events WHERE entity = ? ORDER BY hlc')
            .all(a.task)
            .map((e) => `${e.hlc} ${e.id.slice(-6)} ${e.type} ${e.payload}`);
          throw new Error(`${n.id} recorded no conflict for the concurrent title edits ${a.event} (${a.node}) and ${b.event} (${b.node}); the task's events:\n${history.join('\n')}`);
        }
      }
    }
    return { events: written.length, collisions: collisions.length, kills: counts.kills };
  } finally {
    if (brokerDown.value) await broker.start();
    for (const p of proxies) p.setMode({ kind: 'pass' });
    await Promise.all(nodes.map((n) => n.close()));
  }
}
