// A real app through a working session, every result and every push parsed with its schema in
// the contract: what the host sends is what the renderer is promised.
import { demoPin } from '../identity/demo-pin.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, pushes, type Invoke, type Method, type PushEvent } from '../api/index.ts';
import type { Session } from './handlers.ts';
import { testApp, testGauge } from './test-app.ts';
import { createPdfRelay, type PdfToMain } from '../desktop/pdf-relay.ts';
import { writeAssetPack } from '../../simulation/host/asset-pack.ts';
import { manualClock } from '../clock/clock.ts';
import { virtualClock } from '../clock/virtual-clock.ts';
import { testReplayApp } from '../replay/test-replay-app.ts';
import type { PolderApp } from '../app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
const called = new Set<Method>();
const pushed: { event: PushEvent; payload: unknown }[] = [];

// The desktop shell's side of PDF saving, as Electron main would answer (Electron cannot run here):
// every request is "saved" under its file name.
const savedPdfs: PdfToMain[] = [];
const pdfRelay = createPdfRelay({
  send: (message) => {
    savedPdfs.push(message);
    setTimeout(() => pdfRelay.settle({ type: 'pdf-saved', requestId: message.requestId, path: `/papers/${message.request.fileName}`, error: null }), 0);
  },
  windowOf: (sessionId) => `window-of-${sessionId}`,
});

// An exercise on a virtual clock over a clock that stands still: played, it stays at noon.
const noon = Date.UTC(2007, 5, 8, 12);
const clock = virtualClock({ source: manualClock(noon), start: noon, mode: 'exercise' });
const msel = {
  start: noon,
  injects: [{ number: '1', at: noon + 3_600_000, method: 'message' as const, from: 'Triple Zero', to: 'Fire & Rescue', department: 'fire', synopsis: 'Cars swept along Glebe Road', expectedAction: 'Fire tasks a crew', objective: '', controller: '', evaluatorNotes: '', alert: null, sensor: null }],
};

beforeAll(async () => {
  t = await testApp(50, { clock, exercise: { exerciseId: 'contract', msel, clock }, desktop: pdfRelay.shell, scenario: writeAssetPack({ scenario: { gauges: 'gauges.json' }, files: { 'gauges.json': JSON.stringify({ gauges: [testGauge] }) } }) });
  t.app.pushes.listen((event, payload) => pushed.push({ event, payload }));
});
const heard = (sessionId: string) => t.app.sessionPushes.listen(sessionId, (event, payload) => pushed.push({ event, payload }));
afterAll(async () => {
  await t.close();
});

/** Calls through the dispatcher and parses the result with the method's result schema. */
async function call<M extends Method>(session: Session, method: M, args: Invoke[M][0], app: PolderApp = t.app): Promise<Invoke[M][1]> {
  const result = await app.dispatch(method, args, { session });
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  called.add(method);
  const parsed = methods[method].result.safeParse(result.value);
  if (!parsed.success) throw new Error(`${method} result does not match its schema: ${parsed.error.message}`);
  return result.value as Invoke[M][1];
}

async function until(event: PushEvent): Promise<void> {
  for (let i = 0; i < 1200 && !pushed.some((p) => p.event === event); i++) await new Promise((r) => setTimeout(r, 25));
  expect(pushed.some((p) => p.event === event), `a ${event} push`).toBe(true);
}

const square = (lon: number, lat: number, d: number): [number, number][] => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

describe('the contract, end to end', () => {
  it('answers a working session with results and pushes that match their schemas', async () => {
    const me = t.session(null);
    await call(me, 'app.info', {});
    await call(me, 'actors.list', {});
    await call(me, 'departments.list', {});
    await call(me, 'session.login', { actorId: 'eoc-lead', secret: demoPin });
    await call(me, 'session.current', {});
    await call(me, 'session.policy', {});
    await call(me, 'quarantine.list', {});
    await call(me, 'app.info', {});

    const incident = await call(me, 'incidents.create', { name: 'Merewether flash flood', departments: ['fire'] });
    await call(me, 'incidents.setPhase', { incidentId: incident.id, phase: 'response', note: 'Rain over 60 mm/h' });
    await call(me, 'incidents.setDepartments', { incidentId: incident.id, add: ['works'] });
    await call(me, 'incidents.list', {});

    const [unit] = await call(me, 'units.list', { department: 'works' });
    await call(me, 'units.update', { unitId: unit!.id, status: 'en_route', location: { lon: 151.75, lat: -32.94, label: 'Glebe Rd' } });

    const task = await call(me, 'tasks.create', { title: 'Clear the Glebe Rd culvert', department: 'works', priority: 'high', incidentId: incident.id });
    await call(me, 'tasks.update', { taskId: task.id, description: 'Debris at the inlet', seen: task.version });
    await call(me, 'tasks.assign', { taskId: task.id, unitId: unit!.id });
    await call(me, 'tasks.transition', { taskId: task.id, to: 'in_progress' });
    await call(me, 'tasks.get', { taskId: task.id });
    const board = await call(me, 'board.query', {});
    await call(me, 'board.rows', { ids: [task.id] });
    await call(me, 'board.dueRows', { since: board.now });

    const raised = await call(me, 'alerts.raise', { source: 'sensor', title: 'Gauge over 2 m', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', area: { type: 'Polygon', coordinates: [square(151.74, -32.95, 0.01)] } });
    await call(me, 'alerts.acknowledge', { alertId: raised.alert.id });
    await call(me, 'alerts.escalate', { alertId: raised.alert.id });
    await call(me, 'alerts.resolve', { alertId: raised.alert.id, note: 'Water receding' });
    const other = await call(me, 'alerts.raise', { source: 'field', title: 'Manhole lifted', severity: 'Minor', urgency: 'Expected', certainty: 'Likely' });
    await call(me, 'alerts.dismiss', { alertId: other.alert.id });
    await call(me, 'alerts.list', { status: 'all' });
    await call(me, 'alerts.query', {});
    await call(me, 'alerts.rows', { ids: [raised.alert.id, 'no-such-alert'] });
    const cap = await call(me, 'cap.export', { alertId: raised.alert.id });
    expect(cap).toMatchObject({ msgType: 'Alert', status: 'Exercise' });
    expect(await call(me, 'cap.validate', { xml: cap.xml })).toEqual({ valid: true, reasons: [] });
    expect(await call(me, 'cap.import', { xml: cap.xml.replace('<msgType>Alert<', '<msgType>Update<'), origin: 'contract' })).toMatchObject({ accepted: false });
    expect(await call(me, 'cap.rejected', {})).toMatchObject([{ origin: 'contract' }]);

    await call(me, 'log.append', { text: 'EOC activated at level 2', incidentId: incident.id });
    await call(me, 'timeline.query', { limit: 50 });
    const request = await call(me, 'resources.request', { kind: 'pump', reason: 'Basement flooding on Llewellyn St', department: 'works' });
    await call(me, 'resources.list', {});
    await call(me, 'resources.decide', { requestId: request.id, decision: 'denied', note: 'None free' });
    // An edit over a description its author never saw: a conflict, then settled.
    await call(me, 'tasks.update', { taskId: task.id, description: 'Debris and a car at the inlet', seen: task.version });
    const [conflict] = await call(me, 'conflicts.list', { entityId: task.id });
    await call(me, 'conflicts.resolve', { entityId: task.id, field: conflict!.field, value: conflict!.keptValue, seen: conflict!.entityVersion });
    await call(me, 'storage.status', {});
    await call(me, 'sync.status', {});
    await until('sync.status');

    await call(me, 'scenario.layers', {});
    await call(me, 'scenario.grid', {});
    expect((await call(me, 'scenario.crs', {}))?.epsg).toMatch(/^EPSG:\d+$/);
    await call(me, 'scenario.hillshade', {});
    // A run long enough to edit and read while it goes, stopped once it has framed.
    await call(me, 'sim.start', { durationSeconds: 36_000, frameIntervalSeconds: 3600 });
    await call(me, 'sim.edit', { edit: { kind: 'addPump', id: 'p1', x: 300005, y: 6000005, capacity: 0.2 } });
    await until('sim.frame');
    await call(me, 'sim.results', {});
    await call(me, 'sim.results', { time: 3600 });
    await call(me, 'sim.stop', {});
    await until('sim.finished');
    await call(me, 'sim.status', {});
    await until('app.clock');

    // A forecast deep enough at the school and the road for a protection and a closure draft.
    const base = await call(me, 'forecast.run', { aheadMinutes: 5, members: 3, from: 'start', inflows: { in: { times: [0], values: [6] } } });
    await until('forecast.finished');
    const [top] = await call(me, 'whatif.rank', { baseId: base.id });
    const whatIf = await call(me, 'whatif.run', { baseId: base.id, name: 'Top placement', edits: [top!.edit] });
    for (let i = 0; i < 400 && !pushed.some((p) => p.event === 'forecast.finished' && (p.payload as { id: string }).id === whatIf.id); i++) await new Promise((r) => setTimeout(r, 25));
    await call(me, 'whatif.compare', { baseId: base.id, otherId: whatIf.id });
    const grids = await call(me, 'forecast.grids', { id: base.id });
    expect(Buffer.from(grids.maxDepth, 'base64').byteLength).toBe(grids.nx * grids.ny * 4);
    await until('forecast.progress');
    await call(me, 'forecast.list', {});
    await call(me, 'forecast.skill', {});
    const slow = await call(me, 'forecast.run', { aheadMinutes: 1440, from: 'start' });
    await call(me, 'forecast.cancel', { id: slow.id });
    await until('recommendations.changed');
    const [first, second] = await call(me, 'recommendations.list', {});
    await call(me, 'recommendations.edit', { id: first!.id, priority: 'critical', reason: 'children on site' });
    await call(me, 'recommendations.approve', { id: first!.id });
    await call(me, 'recommendations.reject', { id: second!.id, reason: 'handled by the school already' });
    const now = Date.UTC(2007, 5, 8, 12);
    const topic = "v1.1/Datastreams('g-test')/Observations";
    for (const [i, v] of [0.1, 0.2, 0.35].entries()) t.app.sensors.receive(topic, Buffer.from(JSON.stringify({ phenomenonTime: new Date(now - 60_000 + i * 10_000).toISOString(), result: v })));
    t.app.sensors.receive(topic, Buffer.from('{"result": "high"}'));
    await until('sensors.readings');
    const [sensor] = await call(me, 'sensors.list', {});
    await call(me, 'sensors.update', { sensorId: sensor!.id, thresholds: { warning: 0.2, danger: 0.4 } });
    await until('sensors.changed');
    await call(me, 'sensors.latest', {});
    await call(me, 'sensors.series', { sensorId: sensor!.id, from: now - 3_600_000, to: now });
    await call(me, 'sensors.health', {});
    expect(await call(me, 'sensors.quarantine', {})).toHaveLength(1);
    await call(me, 'sensors.setRetention', { rawDays: 90, summaryDays: 3650 });
    const [west, south, east, north] = (await call(me, 'app.info', {})).scenario!.bounds;
    const report = (minutesAgo: number) => Buffer.from(JSON.stringify({ location: { lon: (west + east) / 2, lat: (south + north) / 2 }, observedAt: new Date(now - minutesAgo * 60_000).toISOString(), category: 'knee', reporter: { contact: 'contract' } }));
    for (const minutesAgo of [0, 120]) t.app.reports.receive('polder/v1/polder/reports', report(minutesAgo));
    t.app.reports.receive('polder/v1/polder/reports', Buffer.from('{"location": null}'));
    await until('reports.changed');
    const { groups: reportGroups, counts: reportCounts } = await call(me, 'reports.groups', {});
    expect(reportCounts).toEqual({ received: 3, accepted: 2, quarantined: 1 });
    expect(await call(me, 'reports.quarantine', {})).toHaveLength(1);
    await call(me, 'reports.confirm', { groupId: reportGroups[0]!.id });
    await call(me, 'reports.dismiss', { groupId: reportGroups[1]!.id });

    heard(me.id);
    const shell = await call(me, 'terminal.open', { cols: 80, rows: 24 });
    await call(me, 'terminal.resize', { id: shell.id, cols: 100, rows: 30 });
    await call(me, 'terminal.input', { id: shell.id, data: 'echo contract\n' });
    await until('terminal.output');
    await call(me, 'terminal.close', { id: shell.id });
    await until('terminal.exit');
    expect((await call(me, 'ics.form204', { department: 'works' })).divisions).toHaveLength(1);
    expect((await call(me, 'ics.form214', { actorId: 'eoc-lead' })).entries.length).toBeGreaterThan(0);
    expect((await call(me, 'aar.report', {})).html).toMatch(/^<article class="aar-report">.*After-action report/s);
    const pdf = await call(me, 'desktop.savePdf', { job: { kind: 'ics214', department: null }, label: 'All departments' });
    expect(pdf.path).toBe('/papers/polder-ics214-all-departments-2007-06-08T1200Z.pdf');
    expect(savedPdfs[0]).toMatchObject({ windowId: `window-of-${me.id}`, request: { options: { landscape: false } } });
    const [planned] = (await call(me, 'exercise.state', {}))!.injects;
    await call(me, 'exercise.delay', { injectId: planned!.id, minutes: 10 });
    await call(me, 'exercise.note', { injectId: planned!.id, text: 'Fire desk quiet' });
    const inserted = await call(me, 'exercise.insert', { inject: { method: 'message', to: 'police', synopsis: 'Crowd at the bridge', at: noon + 3_600_000 } });
    expect(await call(me, 'exercise.skip', { injectId: inserted.id, reason: 'Police desk empty' })).toMatchObject({ number: 'X1', status: 'skipped' });
    await call(me, 'clock.rate', { rate: 60 });
    await call(me, 'clock.play', {});
    expect(await call(me, 'clock.pause', {})).toMatchObject({ rate: 60, playing: false, mode: 'exercise' });
    await until('exercise.changed');
    await call(me, 'session.logout', {});

    // The replay controls, on a node replaying a recording (a live node has none to control).
    expect(await call(me, 'replay.state', {})).toBeNull();
    const replaying = await testReplayApp();
    try {
      replaying.app.pushes.listen((event, payload) => pushed.push({ event, payload }));
      const viewer = { id: 'replay-viewer', actorId: 'observer' };
      const { from } = (await call(viewer, 'replay.state', {}, replaying.app))!;
      await call(viewer, 'replay.seek', { at: from + 600_000 }, replaying.app);
      await call(viewer, 'replay.setRate', { rate: 30 }, replaying.app);
      await call(viewer, 'replay.play', {}, replaying.app);
      await call(viewer, 'replay.pause', {}, replaying.app);
    } finally {
      await replaying.close();
    }

    expect([...called].sort()).toEqual((Object.keys(methods) as Method[]).sort());
    for (const { event, payload } of pushed) {
      const parsed = pushes[event].safeParse(payload);
      expect(parsed.success, `${event}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
    // Every push but the one that needs a full disk.
    const seen = new Set(pushed.map((p) => p.event));
    expect([...seen].sort()).toEqual((Object.keys(pushes) as PushEvent[]).filter((e) => e !== 'storage.alarm').sort());
  }, 120_000);
});
