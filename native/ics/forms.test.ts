import { afterEach, describe, expect, it } from 'vitest';
import { Ics204, Ics214 } from '../api/ics.ts';
import { testService } from '../ops/test-service.ts';
import { createIcsForms } from './forms.ts';
import { csvField, ics204Csv, ics204Html, ics214Csv, ics214Html } from './render.ts';

const opened: ReturnType<typeof testService>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

/** A small incident: Fire has two tasks (one on Engine 1, one done), Works one, and log lines. */
async function incident() {
  const t = testService();
  opened.push(t);
  const tom = t.as('fire-lead');
  await t.as('eoc-lead')('incidents.create', { name: 'Merewether flash flood', departments: ['fire', 'works'] });
  const rescue = await tom('tasks.create', { title: 'Rescue at Glebe Rd <underpass>', department: 'fire', priority: 'critical', location: { lon: 151.741, lat: -32.944, label: 'Glebe Rd underpass' } });
  await tom('tasks.assign', { taskId: rescue.id, unitId: 'unit-fire-engine-1' });
  t.clock.advance(60_000);
  const done = await tom('tasks.create', { title: 'Check Scott St basement', department: 'fire' });
  await tom('tasks.assign', { taskId: done.id, unitId: 'unit-fire-engine-2' });
  await tom('tasks.transition', { taskId: done.id, to: 'in_progress' });
  await tom('tasks.transition', { taskId: done.id, to: 'done', note: 'Dry' });
  await t.as('works-1')('tasks.create', { title: 'Clear culvert grate', department: 'works' });
  t.clock.advance(60_000);
  await tom('log.append', { text: 'Engine 1 on scene, water 0.6 m, "rising"' });
  const forms = createIcsForms({ ops: t.service.handlers, who: t.service.actor, clock: t.clock, scenarioTitle: 'Merewether 2007' });
  return { t, forms, rescue };
}

const ctx = (actorId: string) => ({ session: { id: `s-${actorId}`, actorId } });

describe('ICS 204 assignment list', () => {
  it("lists a department's supervisor, its units and its open work, newest log facts and all", async () => {
    const { forms, rescue } = await incident();
    const form = Ics204.parse(await forms.form204({ department: 'fire' }, ctx('eoc-lead')));
    expect(form).toMatchObject({ incident: 'Merewether flash flood', preparedBy: 'Margaret Okafor, Emergency Management (EOC) lead' });
    expect(form.divisions).toHaveLength(1);
    const [fire] = form.divisions;
    expect(fire).toMatchObject({ name: 'Fire & Rescue', supervisor: 'Tom Brennan' });
    expect(fire!.resources.map((r) => [r.name, r.status])).toEqual([
      ['Engine 1', 'available'],
      ['Engine 2', 'available'],
      ['Swift-water Rescue Team', 'available'],
    ]);
    // The done task is no assignment any more.
    expect(fire!.assignments).toEqual([expect.objectContaining({ taskId: rescue.id, title: 'Rescue at Glebe Rd <underpass>', priority: 'critical', status: 'assigned', unit: 'Engine 1', location: 'Glebe Rd underpass' })]);
    expect(form.period.from).toBe(rescue.createdAt);
  });

  it('per unit: the unit and what it is assigned to; every department when none is named', async () => {
    const { forms } = await incident();
    const engine = await forms.form204({ unitId: 'unit-fire-engine-1' }, ctx('fire-1'));
    expect(engine.divisions).toEqual([expect.objectContaining({ name: 'Engine 1', supervisor: 'Tom Brennan', resources: [expect.objectContaining({ name: 'Engine 1' })], assignments: [expect.objectContaining({ title: 'Rescue at Glebe Rd <underpass>' })] })]);
    const all = await forms.form204({}, ctx('eoc-lead'));
    expect(all.divisions.filter((d) => d.assignments.length).map((d) => [d.name, d.assignments.map((a) => a.title)])).toEqual([
      ['Fire & Rescue', ['Rescue at Glebe Rd <underpass>']],
      ['Public Works / Drainage', ['Clear culvert grate']],
    ]);
    await expect(forms.form204({ unitId: 'no-such-unit' }, ctx('eoc-lead'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('prints as HTML with every text escaped, and as CSV one row per assignment', async () => {
    const { forms } = await incident();
    const form = await forms.form204({ department: 'fire' }, ctx('eoc-lead'));
    const page = ics204Html(form);
    expect(page).toContain('ASSIGNMENT LIST (ICS 204)');
    expect(page).toContain('<td>Tom Brennan</td>');
    expect(page).toContain('Rescue at Glebe Rd &lt;underpass&gt;');
    expect(page).not.toContain('<underpass>');
    const rows = ics204Csv(form).trimEnd().split('\r\n');
    expect(rows[0]).toBe('incident,division,supervisor,assignment,description,priority,status,unit,due_utc,overdue,location');
    expect(rows.slice(1)).toEqual(['Merewether flash flood,Fire & Rescue,Tom Brennan,Rescue at Glebe Rd <underpass>,,critical,assigned,Engine 1,,no,Glebe Rd underpass']);
  });
});

describe('ICS 214 activity log', () => {
  it("per person: what they did, oldest first, with their position and agency", async () => {
    const { forms } = await incident();
    const form = Ics214.parse(await forms.form214({ actorId: 'fire-lead' }, ctx('eoc-lead')));
    expect(form.subject).toEqual({ kind: 'person', name: 'Tom Brennan', position: 'Lead', agency: 'Fire & Rescue' });
    expect(form.entries.map((e) => e.activity)).toEqual([
      'Task created: Rescue at Glebe Rd <underpass>',
      expect.stringMatching(/Engine 1/),
      'Task created: Check Scott St basement',
      expect.stringMatching(/Engine 2/),
      expect.stringMatching(/→ in_progress/),
      "Task in_progress → done: Check Scott St basement — “Dry”",
      expect.stringMatching(/Engine 1 on scene, water 0\.6 m, "rising"/),
    ]);
    expect(form.entries.every((e) => e.by === 'Tom Brennan (Fire & Rescue)')).toBe(true);
    expect(form.entries.map((e) => e.at)).toEqual([...form.entries.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('per unit: the tasks it was assigned, with the unit as the resource; per department: its people', async () => {
    const { forms } = await incident();
    const engine = await forms.form214({ unitId: 'unit-fire-engine-2' }, ctx('eoc-lead'));
    expect(engine.subject).toEqual({ kind: 'unit', name: 'Engine 2', position: 'Vehicle', agency: 'Fire & Rescue' });
    expect(engine.resources).toEqual([{ name: 'Engine 2', position: 'Vehicle', agency: 'Fire & Rescue' }]);
    expect(engine.entries.map((e) => e.activity).join('\n')).toContain('Check Scott St basement');
    expect(engine.entries.map((e) => e.activity).join('\n')).not.toContain('Glebe Rd');
    const works = await forms.form214({ department: 'works' }, ctx('eoc-lead'));
    expect(works.resources.map((r) => r.name)).toEqual(['Ruth Adeyemi', 'Sean Gallagher', 'Nina Kowalski']);
    expect(works.entries.map((e) => e.activity)).toContain('Task created: Clear culvert grate');
    expect(works.entries.map((e) => e.activity).join('\n')).not.toContain('Fire');
  });

  it('prints as HTML and CSV with the numbered blocks of the form', async () => {
    const { forms } = await incident();
    const form = await forms.form214({ actorId: 'fire-lead' }, ctx('eoc-lead'));
    const page = ics214Html(form);
    for (const block of ['1. Incident name', '2. Operational period', '3. Name', '4. ICS position', '5. Home agency (and unit)', '6. Resources assigned', '7. Activity log', '8. Prepared by']) expect(page).toContain(block);
    expect(page).toContain('&quot;rising&quot;');
    const rows = ics214Csv(form).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + form.entries.length);
    expect(rows.at(-1)).toMatch(/^Merewether flash flood,Tom Brennan,Lead,Fire & Rescue,2026-11-21T14:02:00Z,"Log: Engine 1 on scene, water 0\.6 m, ""rising""",Tom Brennan \(Fire & Rescue\)$/);
  });

  it('a CSV cell never starts a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
