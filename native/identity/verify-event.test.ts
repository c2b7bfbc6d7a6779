import { afterEach, describe, expect, it } from 'vitest';
import { eventHash, type OpsEvent } from '../ops/event.ts';
import { t0, testService } from '../ops/test-service.ts';
import { generateSigningKey } from './keys.ts';
import { craftEvent, logLine } from './test-events.ts';
import { testRoster, trustedDevices } from './test-roster.ts';

const keys = { field: generateSigningKey(), lost: generateSigningKey(), rogue: generateSigningKey(), here: generateSigningKey() };
const { roster } = testRoster([
  { id: 'dev_field', publicKey: keys.field.publicKey, kind: 'field-laptop', revoked: false },
  { id: 'dev_lost', publicKey: keys.lost.publicKey, kind: 'field-laptop', revoked: true },
  { id: 'dev_test', publicKey: keys.here.publicKey, kind: 'workstation', revoked: false },
]);

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

const open = () => (env = testService({ roster, deviceKey: keys.here }));
const at = t0 - 1000;
const eventsHeld = () => env.count('events');

/** Applies `events` and returns the reason code each refused one was quarantined with. */
function receive(events: unknown[]) {
  const before = eventsHeld();
  const result = env.service.applyRemoteEvents(events);
  return { codes: result.rejected.map((r) => r.code), applied: result.applied.length, stored: eventsHeld() - before, result };
}

describe('verifying received events against the roster', () => {
  it('applies a signed event from an enrolled device by a person allowed to write it', () => {
    open();
    const ev = craftEvent(keys.field, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'Sandbags at Glebe Rd'));
    expect(receive([ev])).toMatchObject({ codes: [], applied: 1, stored: 1 });
    expect(env.service.quarantined(10).total).toBe(0);
  });

  it('quarantines an unsigned event', () => {
    open();
    expect(receive([craftEvent(null, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'no signature'))])).toMatchObject({ codes: ['unsigned'], stored: 0 });
  });

  it('quarantines an event whose signature does not cover its content (edited after signing, or signed by another key)', () => {
    open();
    const good = craftEvent(keys.field, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'Evacuate Hill St'));
    const { hash: _h, sig, ...fields } = { ...good, payload: { ...good.payload, summary: 'Stand down Hill St' } };
    const edited: OpsEvent = { ...fields, hash: eventHash(fields), sig };
    const otherKey = craftEvent(keys.rogue, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'Evacuate Hill St'));
    expect(receive([edited]).codes).toEqual(['bad_signature']);
    expect(receive([otherKey]).codes).toEqual(['bad_signature']);
    expect(receive(['{not even json', { ...good, sig: 'AAAA' }]).codes).toEqual(['malformed', 'bad_signature']);
  });

  it('trusts a signature thread\'s check only under the key the roster holds now, and checks anything else itself', () => {
    open();
    const forged = craftEvent(keys.rogue, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'checked under a key the roster no longer holds'));
    const genuine = craftEvent(keys.field, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'checked under a stale key, valid anyway'));
    const staleCheck = (ev: object) => new WeakMap([[ev, keys.rogue.publicKey]]);
    expect(env.service.applyRemoteEvents([forged], staleCheck(forged)).rejected.map((r) => r.code)).toEqual(['bad_signature']);
    expect(env.service.applyRemoteEvents([genuine], staleCheck(genuine)).applied).toHaveLength(1);
  });

  it('quarantines events from a device the roster does not list and from a revoked one', () => {
    open();
    expect(receive([craftEvent(keys.rogue, 'dev_rogue', 1, '', at, logLine('fire-1', 'fire', 'rogue'))]).codes).toEqual(['unknown_device']);
    expect(receive([craftEvent(keys.lost, 'dev_lost', 1, '', at, logLine('fire-1', 'fire', 'stolen laptop'))]).codes).toEqual(['revoked_device']);
  });

  it('quarantines an event whose author may not do what it does, or is not in the roster at all', () => {
    open();
    const outOfRole = [
      craftEvent(keys.field, 'dev_field', 1, '', at, { actor: 'fire-1', type: 'incident.created', entity: 'inc-1', payload: { create: true, set: { name: 'Flood' }, summary: 'Incident opened' } }),
      craftEvent(keys.field, 'dev_field', 1, '', at + 1, logLine('observer', 'eoc', 'observers only read')),
      craftEvent(keys.field, 'dev_field', 1, '', at + 2, logLine('fire-1', 'police', 'not my department')),
      craftEvent(keys.field, 'dev_field', 1, '', at + 3, logLine('mallory', 'fire', 'who?')),
      craftEvent(keys.field, 'dev_field', 1, '', at + 4, { actor: 'fire-lead', type: 'unit.created', entity: 'unit-x', payload: { create: true, set: { name: 'X' }, summary: 'x' } }),
      craftEvent(keys.field, 'dev_field', 1, '', at + 5, { actor: 'system', type: 'request.decided', entity: 'req-1', payload: { set: { status: 'approved' }, summary: 'approved by nobody' } }),
      craftEvent(keys.field, 'dev_field', 1, '', at + 6, { actor: 'eoc-lead', type: 'weird.thing', entity: 'w', payload: { summary: 'w' } }),
    ];
    const { codes, stored, result } = receive(outOfRole);
    expect(codes).toEqual(Array(outOfRole.length).fill('out_of_role'));
    expect(stored).toBe(0);
    expect(result.rejected.map((r) => r.reason)).toEqual(expect.arrayContaining([
      expect.stringMatching(/Tom Brennan \(lead, fire\) may not incident manage|Aisha Karimi \(member, fire\) may not incident manage/),
      expect.stringMatching(/may not log append for department police/),
      'mallory is not in roster test-org v1',
      expect.stringMatching(/only the system writes unit.created/),
      'the system does not write request.decided events',
      'no one may write events of type weird.thing',
    ]));
  });

  it('applies the alert changes the app makes by itself: a forecast updating its alert, a sensor rule escalating and resolving one', () => {
    open();
    const alert = (seq: number, prev: string, type: string, set: Record<string, string | number>) =>
      craftEvent(keys.field, 'dev_field', seq, prev, at + seq, { actor: 'system', type, entity: 'alert-1', payload: { ...(seq === 1 ? { create: true as const } : {}), set, summary: type, dept: 'eoc' } });
    const raised = alert(1, '', 'alert.raised', { title: 'Gauge over warning', status: 'raised', escalation: 0, occurrences: 1 });
    const updated = alert(2, raised.hash, 'alert.updated', { title: 'Gauge over danger' });
    const escalated = alert(3, updated.hash, 'alert.escalated', { escalation: 1 });
    const resolved = alert(4, escalated.hash, 'alert.resolved', { status: 'resolved' });
    expect(receive([raised, updated, escalated, resolved])).toMatchObject({ codes: [], applied: 4, stored: 4 });
  });

  it('quarantines a second, different event at a sequence number already applied (equivocation) and a replayed id with other content', () => {
    open();
    const first = craftEvent(keys.field, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'Crew 1 to Tudor St'));
    expect(receive([first]).applied).toBe(1);
    const second = craftEvent(keys.field, 'dev_field', 1, '', at + 5, logLine('fire-1', 'fire', 'Crew 1 stays put'));
    const reusedId = craftEvent(keys.field, 'dev_field', 2, first.hash, at + 6, logLine('fire-1', 'fire', 'another'), first.id);
    const { codes, result } = receive([second, reusedId]);
    expect(codes).toEqual(['equivocation', 'equivocation']);
    expect(result.rejected.map((r) => r.reason)).toEqual(['device dev_field already sent a different event #1', `event ${first.id} is already held with different content (a replay)`]);
    expect(receive([first])).toMatchObject({ codes: [], applied: 0, result: { duplicates: [first.id] } });
  });

  it('quarantines an event stamped beyond the clock drift bound ahead of this device', () => {
    open();
    expect(receive([craftEvent(keys.field, 'dev_field', 1, '', t0 + 3_600_000, logLine('fire-1', 'fire', 'from the future'))]).codes).toEqual(['clock_drift']);
    expect(receive([craftEvent(keys.field, 'dev_field', 1, '', t0 + 60_000, logLine('fire-1', 'fire', 'a minute ahead is fine'))]).applied).toBe(1);
  });

  it('keeps each quarantined event once, with its reason and as it arrived, newest first', () => {
    open();
    const unsigned = craftEvent(null, 'dev_field', 1, '', at, logLine('fire-1', 'fire', 'resent'));
    receive([unsigned]);
    receive([unsigned]);
    receive([craftEvent(keys.rogue, 'dev_rogue', 1, '', at, logLine('fire-1', 'fire', 'rogue'))]);
    const { total, items } = env.service.quarantined(10);
    expect(total).toBe(2);
    expect(items.map((i) => [i.origin, i.reason])).toEqual([['dev_rogue', 'unknown_device'], ['dev_field', 'unsigned']]);
    expect(JSON.parse(items[1]!.event)).toEqual(unsigned);
    expect(items[1]).toMatchObject({ eventId: unsigned.id, seq: 1, actor: 'fire-1', type: 'log.entry', detail: `event dev_field#1 carries no signature` });
  });

  it('signs every event this device writes, so its peers can check them', async () => {
    open();
    await env.as('fire-1')('log.append', { text: 'Signed line' });
    const rows = env.service.store.db.prepare('SELECT sig FROM events').pluck().all() as (string | null)[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((s) => typeof s === 'string' && s.length === 86)).toBe(true);
  });
});

describe('what the commands write passes the receivers\' checks', () => {
  it('a whole working day written on one device is applied by another without a single event quarantined', async () => {
    const { trusted } = trustedDevices(['dev_room', 'dev_field']);
    const room = testService(trusted('dev_room'));
    env = testService(trusted('dev_field'));
    try {
      const as = room.as;
      const point = { type: 'Point' as const, coordinates: [151.75, -32.93] as [number, number] };
      const alert = { source: 'field' as const, title: 'Water over Glebe Rd', severity: 'Severe' as const, urgency: 'Immediate' as const, certainty: 'Observed' as const, area: point };
      const incident = await as('eoc-lead')('incidents.create', { name: 'Merewether flood', departments: ['fire'] });
      await as('eoc-1')('incidents.setPhase', { incidentId: incident.id, phase: 'response' });
      await as('eoc-lead')('incidents.setDepartments', { incidentId: incident.id, add: ['works'] });
      const raised = (await as('works-1')('alerts.raise', alert)).alert;
      await as('works-1')('alerts.raise', alert);
      await as('police-2')('alerts.acknowledge', { alertId: raised.id });
      await as('fire-lead')('alerts.escalate', { alertId: raised.id });
      await as('eoc-1')('alerts.resolve', { alertId: raised.id });
      const other = (await as('pio-1')('alerts.raise', { ...alert, title: 'Rumour of a dam break' })).alert;
      await as('pio-lead')('alerts.dismiss', { alertId: other.id });
      const task = await as('fire-1')('tasks.create', { title: 'Rescue on Tudor St', department: 'fire' });
      await as('fire-2')('tasks.assign', { taskId: task.id, unitId: 'unit-fire-engine-1' });
      const moving = await as('fire-1')('tasks.transition', { taskId: task.id, to: 'in_progress' });
      await as('fire-1')('tasks.update', { taskId: task.id, seen: moving.version, title: 'Rescue on Tudor St (2 people)' });
      const second = await as('eoc-lead')('tasks.create', { title: 'Sandbags to Hill St', department: 'fire' });
      await as('fire-lead')('tasks.update', { taskId: second.id, seen: second.version, department: 'works' });
      await as('works-lead')('tasks.transition', { taskId: second.id, to: 'cancelled' });
      await as('works-1')('units.update', { unitId: 'unit-works-pump-p1', status: 'en_route' });
      const request = await as('works-1')('resources.request', { kind: 'pump', quantity: 1, reason: 'Basement flooding, Wickham' });
      await as('eoc-1')('resources.decide', { requestId: request.id, decision: 'approved', unitId: 'unit-utilities-generator-1' });
      await as('health-2')('log.append', { text: 'Ambulance staged at Merewether beach' });
      // A conflict settled by a lead, as an event like any other.
      const t = await as('fire-lead')('tasks.create', { title: 'Check culvert', department: 'fire' });
      await as('fire-1')('tasks.update', { taskId: t.id, seen: t.version, title: 'Check culvert A' });
      await as('fire-2')('tasks.update', { taskId: t.id, seen: t.version, title: 'Check culvert B' });
      const [conflict] = await as('fire-lead')('conflicts.list', { entityId: t.id });
      await as('fire-lead')('conflicts.resolve', { entityId: t.id, field: 'title', value: conflict!.keptValue, seen: conflict!.entityVersion });

      const events = room.service.store.db.prepare('SELECT * FROM events ORDER BY pos').all() as Record<string, unknown>[];
      const asEvent = (r: Record<string, unknown>) => ({ id: r.id, origin: r.origin, seq: r.seq, hlc: r.hlc, actor: r.actor, type: r.type, entity: r.entity, payload: JSON.parse(r.payload as string), prevHash: r.prev_hash, hash: r.hash, sig: r.sig });
      const result = env.service.applyRemoteEvents(events.map(asEvent));
      expect(result.rejected).toEqual([]);
      expect(result.applied).toHaveLength(events.length);
      expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(18);
    } finally {
      await room.close();
    }
  });
});
