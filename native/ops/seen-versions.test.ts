import { trustedDevices } from '../identity/test-roster.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { fromRow, type EventRow } from './event.ts';
import { createProjector, dumpProjections } from './projector.ts';
import { codeOf, testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

/** Two people on the same host (one device) editing the task each of them opened. */
async function twoEditors() {
  env = testService();
  const margaret = env.as('eoc-lead');
  const tom = env.as('fire-lead');
  const opened = await tom('tasks.create', { title: 'Pump Hunter St', department: 'fire' });
  return { margaret, tom, opened };
}

describe('what the author saw: edits carry the version their form showed', () => {
  it('an edit over a value its author never saw is a conflict that keeps both values, even on the same device', async () => {
    const { margaret, tom, opened } = await twoEditors();
    await margaret('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St underpass' });
    env.clock.advance(38_000);
    const saved = await tom('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St, both lanes' });

    expect(saved).toMatchObject({ title: 'Pump Hunter St, both lanes', conflicts: 1 });
    expect(await tom('conflicts.list', {})).toEqual([
      expect.objectContaining({ entityId: opened.id, entityKind: 'task', field: 'title', keptValue: 'Pump Hunter St, both lanes', lostValue: 'Pump Hunter St underpass', keptActorId: 'fire-lead', lostActorId: 'eoc-lead' }),
    ]);
    expect(env.pushes.filter((p) => p.event === 'conflicts.changed')).toEqual([{ event: 'conflicts.changed', payload: { ids: [opened.id] } }]);
  });

  it('an edit over exactly what its author saw is no conflict, and neither is a change to a field nobody else touched', async () => {
    const { margaret, tom, opened } = await twoEditors();
    const afterMargaret = await margaret('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St underpass' });
    await tom('tasks.update', { taskId: opened.id, seen: afterMargaret.version, title: 'Pump Hunter St underpass, both lanes' });
    // Tom's older form changes the priority, which Margaret left alone.
    await tom('tasks.update', { taskId: opened.id, seen: opened.version, priority: 'high' });
    expect(await tom('conflicts.list', {})).toEqual([]);
    expect((await tom('tasks.get', { taskId: opened.id })).task).toMatchObject({ title: 'Pump Hunter St underpass, both lanes', priority: 'high', conflicts: 0 });
  });

  it('a status move from a stale card over someone else’s move is a conflict too', async () => {
    const { margaret, tom, opened } = await twoEditors();
    await margaret('tasks.transition', { taskId: opened.id, to: 'blocked', seen: opened.version });
    await tom('tasks.transition', { taskId: opened.id, to: 'in_progress', seen: opened.version });
    expect(await tom('conflicts.list', { entityId: opened.id })).toEqual([expect.objectContaining({ field: 'status', keptValue: 'in_progress', lostValue: 'blocked' })]);
  });

  it('the history lists each change as old → new under its own author', async () => {
    const { margaret, tom, opened } = await twoEditors();
    await margaret('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Margaret’s title' });
    await tom('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Tom’s title', priority: 'high' });
    const { history } = await tom('tasks.get', { taskId: opened.id });
    expect(history.map((h) => [h.actorId, h.summary])).toEqual([
      ['fire-lead', 'Task created: Pump Hunter St'],
      ['eoc-lead', 'Task updated: title “Pump Hunter St” → “Margaret’s title”'],
      ['fire-lead', 'Task updated: title “Margaret’s title” → “Tom’s title” (over a change its author had not seen), priority “normal” → “high”'],
    ]);
  });

  it('resolving is an event: it sets the chosen value, clears the conflict, shows in the history, and a rebuild agrees', async () => {
    const { margaret, tom, opened } = await twoEditors();
    await margaret('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St underpass' });
    await tom('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St, both lanes' });
    const [conflict] = await margaret('conflicts.list', {});
    expect(await codeOf(env.as('police-1')('conflicts.resolve', { entityId: opened.id, field: 'title', value: conflict!.lostValue, seen: conflict!.entityVersion }))).toBe('forbidden');
    expect(await codeOf(margaret('conflicts.resolve', { entityId: opened.id, field: 'title', value: '', seen: conflict!.entityVersion }))).toBe('invalid_args');

    const events = env.count('events');
    const result = await margaret('conflicts.resolve', { entityId: opened.id, field: 'title', value: conflict!.lostValue, seen: conflict!.entityVersion });
    expect(result.open).toEqual([]);
    expect(env.count('events')).toBe(events + 1);
    const { task, history } = await tom('tasks.get', { taskId: opened.id });
    expect(task).toMatchObject({ title: 'Pump Hunter St underpass', conflicts: 0 });
    expect(history.at(-1)).toMatchObject({ actorId: 'eoc-lead', type: 'task.conflict_resolved', summary: 'Conflict on title resolved: “Pump Hunter St underpass” (not “Pump Hunter St, both lanes”)' });
    expect(await codeOf(margaret('conflicts.resolve', { entityId: opened.id, field: 'title', value: 'again', seen: task.version }))).toBe('not_found');

    const live = dumpProjections(env.service.store.db);
    expect(createProjector(env.service.store.db).rebuild()).toMatchObject({ conflicts: 0 });
    expect(dumpProjections(env.service.store.db)).toEqual(live);
  });

  it('a resolution settles only what its author saw: a later edit over the field stays a conflict', async () => {
    const { margaret, tom, opened } = await twoEditors();
    await margaret('tasks.update', { taskId: opened.id, seen: opened.version, title: 'A' });
    await tom('tasks.update', { taskId: opened.id, seen: opened.version, title: 'B' });
    const [first] = await margaret('conflicts.list', {});
    // Someone else, from the very first version, writes again before the resolution.
    await env.as('fire-1')('tasks.update', { taskId: opened.id, seen: opened.version, title: 'C' });
    await margaret('conflicts.resolve', { entityId: opened.id, field: 'title', value: 'Pump Hunter St (agreed)', seen: first!.entityVersion });
    const open = await margaret('conflicts.list', { entityId: opened.id });
    // Settled: A under B. Still open: C over B (she never saw it), and her value over C.
    expect(open.map((c) => [c.keptValue, c.lostValue])).toEqual([
      ['Pump Hunter St (agreed)', 'C'],
      ['C', 'B'],
    ]);
    const live = dumpProjections(env.service.store.db);
    createProjector(env.service.store.db).rebuild();
    expect(dumpProjections(env.service.store.db)).toEqual(live);
  });

  it('tasks.update refuses an edit that does not say what its author saw', async () => {
    const { tom, opened } = await twoEditors();
    expect(await codeOf(tom('tasks.update', { taskId: opened.id, title: 'blind' } as never))).toBe('invalid_args');
  });
});

describe('what the author saw, across devices', () => {
  it('an edit from a device whose clock is behind is a conflict for an author who had not received it, though that author saw later changes of other fields', async () => {
    // Both devices in one roster: events from a device the roster does not list are quarantined.
    const { trusted } = trustedDevices(['dev_a', 'dev_c']);
    const a = testService(trusted('dev_a'));
    const c = testService(trusted('dev_c'), undefined, a.clock.now() - 50_000);
    const events = (s: typeof a) => s.service.store.db.prepare('SELECT * FROM events ORDER BY pos').all().map((r) => fromRow(r as EventRow));
    try {
      const opened = await a.as('eoc-lead')('tasks.create', { title: 'Pump Hunter St', department: 'fire' });
      c.service.applyRemoteEvents(events(a));
      // c, its clock 50 s behind, edits the title; a has not received that when it moves the task and then edits the title.
      await c.as('fire-lead')('tasks.update', { taskId: opened.id, seen: opened.version, title: 'Pump Hunter St underpass' });
      a.clock.advance(3000);
      const moved = await a.as('eoc-lead')('tasks.transition', { taskId: opened.id, to: 'blocked', seen: opened.version });
      a.clock.advance(1000);
      await a.as('eoc-lead')('tasks.update', { taskId: opened.id, seen: moved.version, title: 'Pump Hunter St, both lanes' });
      a.service.applyRemoteEvents(events(c));
      c.service.applyRemoteEvents(events(a));
      for (const s of [a, c]) {
        expect(await s.as('eoc-lead')('conflicts.list', { entityId: opened.id })).toEqual([
          expect.objectContaining({ field: 'title', keptValue: 'Pump Hunter St, both lanes', lostValue: 'Pump Hunter St underpass' }),
        ]);
      }
      expect(dumpProjections(a.service.store.db)).toEqual(dumpProjections(c.service.store.db));
    } finally {
      await a.close();
      await c.close();
    }
  });
});
