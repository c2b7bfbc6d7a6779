import { afterEach, describe, expect, it } from 'vitest';
import { createProjector, dumpProjections, verifyProjections } from './projector.ts';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

describe('verifyProjections', () => {
  it('agrees with stored projections, and notices a projection row edited behind its back', async () => {
    env = testService();
    const fire = env.as('fire-lead');
    const task = await fire('tasks.create', { title: 'Check pumps', department: 'fire' });
    await fire('tasks.transition', { taskId: task.id, to: 'blocked' });
    const db = env.service.store.db;
    expect(verifyProjections(db)).toEqual({ ok: true, differing: { entities: 0, conflicts: 0, timeline: 0 } });
    db.prepare("UPDATE entities SET state = json_set(state, '$.status', 'done') WHERE id = ?").run(task.id);
    db.prepare('DELETE FROM timeline WHERE entity = ?').run(task.id);
    expect(verifyProjections(db)).toEqual({ ok: false, differing: { entities: 2, conflicts: 0, timeline: 2 } });
    const before = dumpProjections(db);
    createProjector(db).rebuild();
    expect(dumpProjections(db)).not.toEqual(before);
    expect(verifyProjections(db).ok).toBe(true);
  });
});

describe('entity meta serialization', () => {
  it('is canonical JSON of the stamps and sets', async () => {
    env = testService();
    const incident = await env.as('eoc-lead')('incidents.create', { name: 'Flood', departments: ['works', 'fire'] });
    await env.as('eoc-lead')('incidents.setPhase', { incidentId: incident.id, phase: 'response' });
    const { canonicalJson } = await import('./canonical-json.ts');
    for (const row of env.service.store.db.prepare('SELECT meta FROM entities').pluck().all() as string[]) {
      expect(row).toBe(canonicalJson(JSON.parse(row)));
    }
  });
});
