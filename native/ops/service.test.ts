import { demoPin } from '../identity/demo-pin.ts';
import { trustedDevices } from '../identity/test-roster.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listBackups } from '../store/backups.ts';
import { dumpProjections, createProjector } from './projector.ts';
import { opsBackupDir } from './service.ts';
import { codeOf, t0, testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

const minute = 60_000;

describe('ops service: tasks', () => {
  it('runs a task from new to done, writing event + projection + outbox together and pushing changes', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    const before = env.count('events');
    const task = await fire('tasks.create', { title: 'Pump out Hunter St underpass', department: 'fire', priority: 'high', dueAt: t0 + 30 * minute, location: { lat: -32.93, lon: 151.75 } });
    expect(task).toMatchObject({ status: 'new', department: 'fire', priority: 'high', createdBy: 'fire-lead', overdue: false });
    expect(env.count('events')).toBe(before + 1);
    expect(env.count('outbox')).toBe(env.count('events'));
    expect(env.pushes.map((p) => p.event)).toEqual(expect.arrayContaining(['tasks.changed', 'timeline.appended']));

    const assigned = await fire('tasks.assign', { taskId: task.id, unitId: 'unit-fire-engine-1' });
    expect(assigned).toMatchObject({ status: 'assigned', unitId: 'unit-fire-engine-1' });
    await fire('tasks.transition', { taskId: task.id, to: 'in_progress' });
    const done = await fire('tasks.transition', { taskId: task.id, to: 'done', note: 'underpass clear' });
    expect(done.status).toBe('done');

    // saving a form with unchanged values (keys in another order) writes nothing, even on a done task
    const events = env.count('events');
    await fire('tasks.update', { taskId: task.id, seen: done.version, title: task.title, location: { lon: 151.75, lat: -32.93 }, priority: 'high' });
    expect(env.count('events')).toBe(events);
    const { history } = await fire('tasks.get', { taskId: task.id });
    expect(history.map((h) => h.type)).toEqual(['task.created', 'task.assigned', 'task.transitioned', 'task.transitioned']);
    expect(history[3]!.text).toBe('underpass clear');
  });

  it('refuses illegal transitions, unknown ids and bad arguments, writing nothing', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    const task = await fire('tasks.create', { title: 'Check levee', department: 'fire' });
    const events = env.count('events');
    expect(await codeOf(fire('tasks.transition', { taskId: task.id, to: 'done' }))).toBe('illegal_transition');
    expect(await codeOf(fire('tasks.transition', { taskId: task.id, to: 'assigned' }))).toBe('illegal_transition');
    expect(await codeOf(fire('tasks.assign', { taskId: task.id, unitId: 'unit-nope' }))).toBe('not_found');
    expect(await codeOf(fire('tasks.transition', { taskId: 'no-such-task', to: 'blocked' }))).toBe('not_found');
    expect(await codeOf(fire('tasks.create', { title: '', department: 'fire' }))).toBe('invalid_args');
    expect(await codeOf(fire('tasks.create', { title: 'x', department: 'fire', priority: 'whenever' as never }))).toBe('invalid_args');
    expect(await codeOf(fire('tasks.create', { title: 'x', department: 'navy' }))).toBe('not_found');
    await fire('tasks.transition', { taskId: task.id, to: 'cancelled' });
    expect(await codeOf(fire('tasks.update', { taskId: task.id, seen: task.version, title: 'reopen?' }))).toBe('illegal_transition');
    expect(env.count('events')).toBe(events + 1);
  });

  it('refuses a due time already past (beyond a few minutes) on create and on edit, in words', async () => {
    env = testService();
    const works = env.as('works-lead');
    const refused = works('tasks.create', { title: 'Old', department: 'works', dueAt: Date.UTC(2007, 5, 8, 12) });
    await expect(refused).rejects.toThrow(/due time 2007-06-08 12:00 UTC is already past/);
    expect(await codeOf(works('tasks.create', { title: 'Old', department: 'works', dueAt: t0 - 20 * minute }))).toBe('invalid_args');
    const task = await works('tasks.create', { title: 'Just now', department: 'works', dueAt: t0 - 3 * minute });
    expect(task.dueAt).toBe(t0 - 3 * minute);
    expect(await codeOf(works('tasks.update', { taskId: task.id, seen: task.version, dueAt: t0 - 60 * minute }))).toBe('invalid_args');
    expect((await works('tasks.update', { taskId: task.id, seen: task.version, title: 'Kept due time' })).dueAt).toBe(t0 - 3 * minute);
  });

  it('derives overdue from the injected clock and filters the board', async () => {
    env = testService();
    const works = env.as('works-1');
    const due = await works('tasks.create', { title: 'Clear culvert grate at Glebe Rd', department: 'works', dueAt: t0 + 10 * minute, priority: 'critical' });
    await works('tasks.create', { title: 'Deliver sandbags to Islington', department: 'works', priority: 'low' });
    await env.as('police-1')('tasks.create', { title: 'Close Throsby Creek bridge', department: 'police' });
    await works('tasks.assign', { taskId: due.id, unitId: 'unit-works-drainage-1' });

    const q = env.as('observer');
    expect((await q('board.query', { overdue: true })).lanes.flatMap((l) => l.tasks.assigned)).toEqual([]);
    env.clock.advance(11 * minute);
    const overdue = await q('board.query', { overdue: true });
    expect(overdue.lanes.flatMap((l) => [...l.tasks.new, ...l.tasks.assigned]).map((t) => t.id)).toEqual([due.id]);
    expect(overdue.lanes.find((l) => l.department.id === 'works')!.overdue).toBe(1);

    const board = await q('board.query', {});
    expect(board.lanes.map((l) => l.department.id)).toEqual(['eoc', 'fire', 'police', 'transport', 'works', 'utilities', 'health', 'pio']);
    expect(board.lanes.find((l) => l.department.id === 'works')!.counts).toMatchObject({ new: 1, assigned: 1 });
    expect((await q('board.query', { department: 'police' })).lanes).toHaveLength(1);
    expect((await q('board.query', { text: 'SANDBAG' })).lanes.flatMap((l) => l.tasks.new).map((t) => t.title)).toEqual(['Deliver sandbags to Islington']);
    expect((await q('board.query', { unitId: 'unit-works-drainage-1' })).lanes.flatMap((l) => l.tasks.assigned)).toHaveLength(1);
    expect((await q('board.query', { priority: 'low' })).lanes.flatMap((l) => l.tasks.new)).toHaveLength(1);
  });
});

describe('ops service: roles', () => {
  it('refuses commands outside the actor role, and needs a sign-in', async () => {
    env = testService();
    const police = await env.as('police-lead')('tasks.create', { title: 'Evacuate Tighes Hill', department: 'police' });
    const events = env.count('events');
    expect(await codeOf(env.as(null)('board.query', {}))).toBe('unauthenticated');
    expect(await codeOf(env.as('observer')('tasks.create', { title: 'x', department: 'eoc' }))).toBe('forbidden');
    expect(await codeOf(env.as('fire-1')('tasks.create', { title: 'x', department: 'police' }))).toBe('forbidden');
    expect(await codeOf(env.as('police-1')('tasks.transition', { taskId: police.id, to: 'cancelled' }))).toBe('forbidden');
    expect(await codeOf(env.as('fire-lead')('tasks.transition', { taskId: police.id, to: 'cancelled' }))).toBe('forbidden');
    expect(await codeOf(env.as('fire-lead')('tasks.update', { taskId: police.id, seen: police.version, title: 'mine now' }))).toBe('forbidden');
    expect(await codeOf(env.as('police-1')('tasks.update', { taskId: police.id, seen: police.version, department: 'fire' }))).toBe('forbidden');
    expect(await codeOf(env.as('fire-lead')('incidents.create', { name: 'Flood' }))).toBe('forbidden');
    expect(env.count('events')).toBe(events);
    // the EOC lead may cancel another department's task; the department's own lead may too
    expect((await env.as('eoc-lead')('tasks.transition', { taskId: police.id, to: 'cancelled' })).status).toBe('cancelled');
  });

  it('signs in through session.login with the PIN of the built-in demo roster, and lists the roster by department', async () => {
    env = testService();
    const session = { id: 's1', actorId: null as string | null };
    const login = env.service.handlers['session.login'];
    expect(await login({ actorId: 'health-lead', secret: demoPin }, { session })).toMatchObject({ department: 'health', role: 'lead' });
    expect(session.actorId).toBe('health-lead');
    await expect(login({ actorId: 'health-lead', secret: '0000' }, { session })).rejects.toThrow('Wrong PIN or password for Dr. Fiona Walsh');
    expect(session.actorId).toBeNull();
    await expect(login({ actorId: 'mallory', secret: demoPin }, { session })).rejects.toThrow(/No one with the id "mallory"/);
    const actors = await env.as(null)('actors.list', {});
    for (const dept of ['eoc', 'fire', 'police', 'transport', 'works', 'utilities', 'health', 'pio']) {
      expect(actors.filter((a) => a.department === dept && a.role === 'lead')).toHaveLength(1);
      expect(actors.filter((a) => a.department === dept && a.role === 'member').length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('ops service: alerts, resources, log, incidents', () => {
  it('raises, dedupes, acknowledges, escalates and resolves alerts with CAP value sets', async () => {
    env = testService();
    const field = env.as('works-1');
    const raise = { source: 'sensor', title: 'Cottage Creek gauge above 2.1 m', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', dedupeKey: 'gauge:cottage-creek:high' } as const;
    const first = await field('alerts.raise', raise);
    const again = await field('alerts.raise', raise);
    expect(again).toMatchObject({ deduplicated: true, alert: { id: first.alert.id, occurrences: 2 } });
    expect(await codeOf(field('alerts.raise', { ...raise, severity: 'Catastrophic' as never }))).toBe('invalid_args');
    expect(await codeOf(field('alerts.resolve', { alertId: first.alert.id }))).toBe('forbidden');
    await field('alerts.acknowledge', { alertId: first.alert.id });
    const eoc = env.as('eoc-1');
    expect((await eoc('alerts.escalate', { alertId: first.alert.id })).escalation).toBe(1);
    expect(await codeOf(eoc('alerts.escalate', { alertId: first.alert.id, level: 1 }))).toBe('illegal_transition');
    expect((await eoc('alerts.resolve', { alertId: first.alert.id, note: 'level falling' })).status).toBe('resolved');
    expect(await codeOf(eoc('alerts.acknowledge', { alertId: first.alert.id }))).toBe('illegal_transition');
    expect(await eoc('alerts.list', {})).toEqual([]);
    expect((await eoc('alerts.list', { status: 'all' }))[0]).toMatchObject({ status: 'resolved', escalation: 1 });
    // resolved: the same key raises a fresh alert
    expect((await field('alerts.raise', raise)).deduplicated).toBe(false);
  });

  it('requests a pump from the field and lets the crisis room grant a unit', async () => {
    env = testService();
    const req = await env.as('works-1')('resources.request', { kind: 'pump', quantity: 1, reason: 'Basement flooding, Wickham' });
    expect(req).toMatchObject({ status: 'requested', department: 'works' });
    expect(await codeOf(env.as('works-lead')('resources.decide', { requestId: req.id, decision: 'approved' }))).toBe('forbidden');
    const decided = await env.as('eoc-1')('resources.decide', { requestId: req.id, decision: 'approved', unitId: 'unit-works-pump-p1', note: 'take P1' });
    expect(decided).toMatchObject({ status: 'approved', unitId: 'unit-works-pump-p1', decidedBy: 'eoc-1' });
    const units = await env.as('eoc-1')('units.list', { department: 'works' });
    expect(units.find((u) => u.id === 'unit-works-pump-p1')!.status).toBe('assigned');
    expect(await codeOf(env.as('eoc-1')('resources.decide', { requestId: req.id, decision: 'denied' }))).toBe('illegal_transition');
  });

  it('keeps an ICS 214 activity log, filterable by department, actor and text', async () => {
    env = testService();
    await env.as('health-1')('log.append', { text: 'Triage point opened at Broadmeadow' });
    await env.as('fire-1')('log.append', { text: 'Swift-water team staged at Maitland Rd' });
    const incident = await env.as('eoc-lead')('incidents.create', { name: 'Newcastle flash flood', departments: ['fire', 'police'] });
    await env.as('eoc-lead')('incidents.setPhase', { incidentId: incident.id, phase: 'response' });
    const withWorks = await env.as('eoc-lead')('incidents.setDepartments', { incidentId: incident.id, add: ['works'], remove: ['police'] });
    expect(withWorks).toMatchObject({ phase: 'response', departments: ['fire', 'works'] });
    const q = env.as('observer');
    expect((await q('timeline.query', { department: 'health', kind: 'log' })).map((e) => e.text)).toEqual(['Triage point opened at Broadmeadow']);
    expect((await q('timeline.query', { actorId: 'fire-1' }))).toHaveLength(1);
    expect((await q('timeline.query', { text: 'staged' }))[0]!.summary).toMatch(/Swift-water/);
    expect((await q('timeline.query', { kind: 'incident' })).map((e) => e.type)).toEqual(['incident.departments_changed', 'incident.phase_changed', 'incident.created']);
    expect(await codeOf(env.as('eoc-lead')('incidents.setPhase', { incidentId: incident.id, phase: 'bogus' as never }))).toBe('invalid_args');
  });
});

describe('ops service: durability and merging', () => {
  it('keeps everything across a restart with the same device id and a still-increasing clock', async () => {
    env = testService();
    const task = await env.as('fire-1')('tasks.create', { title: 'Sandbag the station', department: 'fire' });
    await env.service.close();
    const again = testService({ deviceId: undefined }, env.dir);
    env = again;
    expect(again.service.deviceId).toBe('dev_test');
    again.clock.set(t0 - 60 * minute); // the wall clock went backwards
    await again.as('fire-1')('tasks.update', { taskId: task.id, seen: task.version, title: 'Sandbag the fire station' });
    const { history } = await again.as('fire-1')('tasks.get', { taskId: task.id });
    expect(history.map((h) => h.summary)).toEqual(['Task created: Sandbag the station', 'Task updated: title “Sandbag the station” → “Sandbag the fire station”']);
    expect(again.service.verifyChain().ok).toBe(true);
  });

  it('rebuilds projections identical to the live ones', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    for (let i = 0; i < 20; i++) {
      const t = await fire('tasks.create', { title: `Task ${i}`, department: 'fire', dueAt: t0 + i * minute });
      if (i % 2) await fire('tasks.assign', { taskId: t.id, unitId: 'unit-fire-engine-2' });
      if (i % 3 === 0) await fire('tasks.transition', { taskId: t.id, to: 'blocked', note: 'road closed' });
    }
    await env.as('works-1')('alerts.raise', { source: 'model', title: 'Forecast overtopping', severity: 'Moderate', urgency: 'Expected', certainty: 'Likely' });
    const live = dumpProjections(env.service.store.db);
    createProjector(env.service.store.db).rebuild();
    expect(dumpProjections(env.service.store.db)).toEqual(live);
  });

  it('merges concurrent edits from two devices into the same state with a visible conflict', async () => {
    const { trusted } = trustedDevices(['dev_test', 'dev_field']);
    env = testService(trusted('dev_test'));
    const other = testService(trusted('dev_field'));
    try {
      const events = (s: typeof env) => s.service.store.db.prepare('SELECT * FROM events ORDER BY pos').all() as Record<string, unknown>[];
      const asEvent = (r: Record<string, unknown>) => ({ id: r.id, origin: r.origin, seq: r.seq, hlc: r.hlc, actor: r.actor, type: r.type, entity: r.entity, payload: JSON.parse(r.payload as string), prevHash: r.prev_hash, hash: r.hash, sig: r.sig });
      const task = await env.as('fire-1')('tasks.create', { title: 'Rescue at Carrington', department: 'fire' });
      other.service.applyRemoteEvents(events(env).filter((e) => e.origin === 'dev_test').map(asEvent));
      // both edit the title without seeing each other's change
      await env.as('fire-1')('tasks.update', { taskId: task.id, seen: task.version, title: 'Rescue at Carrington (2 people)' });
      other.clock.advance(1000);
      await other.as('fire-2')('tasks.update', { taskId: task.id, seen: task.version, title: 'Rescue at Carrington wharf' });
      const fromA = env.service.applyRemoteEvents(events(other).filter((e) => e.origin === 'dev_field').map(asEvent));
      const fromB = other.service.applyRemoteEvents(events(env).filter((e) => e.origin === 'dev_test').map(asEvent));
      expect(fromA.rejected).toEqual([]);
      expect(fromB.rejected).toEqual([]);
      expect(fromB.duplicates.length).toBeGreaterThan(0);
      for (const side of [env, other]) {
        const conflicts = await side.as('fire-lead')('conflicts.list', { entityId: task.id });
        expect(conflicts).toEqual([expect.objectContaining({ field: 'title', keptValue: 'Rescue at Carrington wharf', lostValue: 'Rescue at Carrington (2 people)', lostActorId: 'fire-1' })]);
        expect((await side.as('fire-lead')('tasks.get', { taskId: task.id })).task).toMatchObject({ title: 'Rescue at Carrington wharf', conflicts: 1 });
      }
      const strip = (d: ReturnType<typeof dumpProjections>) => ({ ...d, entities: d.entities.filter((e) => e.includes(task.id)) });
      expect(strip(dumpProjections(other.service.store.db))).toEqual(strip(dumpProjections(env.service.store.db)));
      expect(env.pushes.some((p) => p.event === 'conflicts.changed')).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('ops service: automatic backups', () => {
  it('backs up on open when the newest backup is older than the interval (by the app clock), keeping the newest few', async () => {
    const hour = 3600_000;
    const backups = () => listBackups(opsBackupDir(env.dir.dir)).map((b) => b.takenAt - t0);
    const reopen = async (at: number) => {
      await env.service.close();
      env = testService({ backupEveryMs: 2 * hour, keepBackups: 2, deviceId: undefined }, env.dir, t0 + at);
      await env.service.openBackup;
    };
    env = testService({ backupEveryMs: 2 * hour, keepBackups: 2 });
    await env.service.openBackup;
    expect(backups()).toEqual([]); // a brand-new store has nothing worth backing up yet
    await env.as('eoc-1')('log.append', { text: 'first shift' });
    await reopen(0);
    expect(backups()).toEqual([0]);
    await reopen(1 * hour);
    expect(backups()).toEqual([0]);
    await reopen(2 * hour);
    await reopen(5 * hour);
    expect(backups()).toEqual([5 * hour, 2 * hour]);
    const made = await env.service.backup(join(env.dir.dir, 'manual.sqlite'));
    expect(made.pages).toBeGreaterThan(0);
    expect(backups()).toEqual([5 * hour, 2 * hour]);
  });
});

describe('ops service: a damaged database', () => {
  it('refuses to open it, leaves it untouched, and names the newest good backup', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { opsDatabasePath } = await import('./service.ts');
    env = testService();
    await env.as('eoc-1')('log.append', { text: 'before the power cut' });
    const made = await env.service.backup(join(opsBackupDir(env.dir.dir), 'ops-2026-11-21T13-00-00-000Z.sqlite'));
    await env.service.close();
    writeFileSync(opsDatabasePath(env.dir.dir), Buffer.alloc(8192, 0x42));
    const damaged = readFileSync(opsDatabasePath(env.dir.dir));
    let caught: unknown;
    try {
      testService({ deviceId: undefined }, env.dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'storage_corrupt', newestBackup: made.path });
    expect(readFileSync(opsDatabasePath(env.dir.dir)).equals(damaged)).toBe(true);
    env.dir.cleanup();
    env = undefined as never;
  });
});
