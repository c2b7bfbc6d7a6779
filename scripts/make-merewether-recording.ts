// Builds resources/recordings/merewether-2007.polder-recording.json: the bundled "Merewether,
// 8 June 2007" recording, RECONSTRUCTED from the scenario pack. In a temporary data folder, on a
// manual clock: the virtual gauges read the flood model's depths (native/sensors/feed-stream.ts,
// every reading labelled reconstructed), a forecast raises its impact alerts and drafts, the
// gauges raise threshold alerts, and people of the demo roster act on them at plausible times.
// Then the window is exported and signed (native/record/export.ts) by keys thrown away here.
//   node scripts/make-merewether-recording.ts [out file]        (npm run make:recording)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Invoke, Method } from '../native/api/index.ts';
import type { ForecastRecord } from '../native/api/decide.ts';
import { createApp, nodeRuntime, type PolderApp } from '../native/app.ts';
import { manualClock } from '../native/clock/clock.ts';
import { reconstructTracks } from '../native/cli/commands/feed.ts';
import { demoRoster } from '../native/identity/demo-roster.ts';
import { heldRosterPath, loadHeldRoster, writeRosterFile } from '../native/identity/held-roster.ts';
import { generateSigningKey, loadOrCreateDeviceKey } from '../native/identity/keys.ts';
import { signRoster } from '../native/identity/roster.ts';
import { silentLogger } from '../native/logger.ts';
import { opsBackupDir, opsDatabasePath, resolveDeviceId } from '../native/ops/service.ts';
import { repoPaths } from '../native/paths.ts';
import { exportRecording } from '../native/record/export.ts';
import { verifyRecording } from '../native/record/verify.ts';
import { feedReadings } from '../native/sensors/feed-stream.ts';
import { observationsTopic } from '../native/sensors/payload.ts';
import { migrations } from '../native/store/migrations/index.ts';
import { openStore } from '../native/store/store.ts';
import { loadScenario } from '../simulation/scenario/load.ts';

const pack = 'merewether-2007';
const packDir = join(repoPaths.resources, 'scenarios', pack);
const out = resolve(process.argv[2] ?? join(repoPaths.resources, 'recordings', `${pack}.polder-recording.json`));
/** Scenario second 0: 18:30 AEST on 8 June 2007, as the storm's worst bursts reached Newcastle. */
const t0 = Date.UTC(2007, 5, 8, 8, 30, 0);
const window = { from: t0 - 15 * 60_000, to: t0 + 31 * 60_000 };
const feedSeconds = 30 * 60;
const intervalSeconds = 10;
const deviceId = 'merewether_eoc_ws1';
const at = (seconds: number) => t0 + seconds * 1000;

/** Who acknowledges a forecast's alert, by the kind of asset it is about. */
const acknowledgerOf: Record<string, string> = { road: 'transport-1', underpass: 'transport-1', 'aged-care': 'health-1', hospital: 'health-1', substation: 'utilities-1', school: 'eoc-2', shelter: 'eoc-2' };
/** The first unit each department sends to an approved task. */
const unitOf: Record<string, string> = {
  transport: 'unit-transport-traffic', health: 'unit-health-ambulance-1', utilities: 'unit-utilities-electric-1', works: 'unit-works-drainage-1', eoc: 'unit-works-sandbags', fire: 'unit-fire-swiftwater', police: 'unit-police-patrol-1',
};

/** A data folder whose device is enrolled, under a roster of the demo people signed by a key made here and thrown away. */
function prepareDataDir(dataDir: string): void {
  const { key } = loadOrCreateDeviceKey(dataDir, deviceId);
  const admin = generateSigningKey();
  const devices = [{ id: deviceId, publicKey: key.publicKey, kind: 'workstation' as const, revoked: false }];
  const roster = signRoster({ ...demoRoster(), org: 'merewether-2007-recording', version: 1, issuedAt: window.from, adminKey: admin.publicKey, devices, signature: null }, admin);
  writeRosterFile(heldRosterPath(dataDir), roster);
  const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: silentLogger() });
  resolveDeviceId(store, deviceId);
  store.close();
}

async function call<M extends Method>(app: PolderApp, actorId: string, method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
  const result = await app.dispatch(method, args, { session: { id: `recording-${actorId}`, actorId } });
  if (!result.ok) throw new Error(`${actorId} ${method}: ${result.error.message}`);
  return result.value as Invoke[M][1];
}

async function forecastDone(app: PolderApp, id: string): Promise<ForecastRecord> {
  for (let waited = 0; waited < 20 * 60_000; waited += 200) {
    const record = (await call(app, 'eoc-1', 'forecast.list', { limit: 20 })).find((f) => f.id === id);
    if (record && record.state !== 'running') return record;
    await sleep(200);
  }
  throw new Error('the forecast did not finish in 20 minutes');
}

/** What the people do, at scenario seconds, given what the app shows them then. */
type Schedule = (seconds: number, run: () => Promise<unknown>) => void;

function plan(app: PolderApp, schedule: Schedule): () => string {
  let incidentId = '';

  schedule(-600, async () => {
    const incident = await call(app, 'eoc-lead', 'incidents.create', { name: 'Merewether flash flooding', description: 'East Coast Low over Newcastle: intense bursts of rain, the creek through Merewether rising fast.', departments: ['eoc', 'fire', 'police', 'transport', 'works', 'utilities', 'health', 'pio'] });
    incidentId = incident.id;
  });
  schedule(-590, () =>
    call(app, 'eoc-lead', 'log.append', {
      text: 'RECONSTRUCTED RECORDING for training: the readings come from the Polder flood model run on the Merewether 2007 scenario (terrain and flood marks: WRL, UNSW, ARR Project 15); the assets, gauges and decisions are illustrative.',
      incidentId,
      entityId: null,
    }),
  );
  schedule(-540, () => call(app, 'eoc-lead', 'incidents.setPhase', { incidentId, phase: 'response', note: 'Severe weather warning in force for Newcastle and the Hunter' }));
  schedule(-300, () => call(app, 'fire-lead', 'log.append', { text: 'Swift-water rescue team on standby at Merewether fire station', incidentId, entityId: null }));
  schedule(-120, () => call(app, 'works-lead', 'log.append', { text: 'Drainage crew reports the creek culverts running full', incidentId, entityId: null }));
  schedule(300, () => call(app, 'health-lead', 'log.append', { text: 'Ambulance 1 prepositioned on the high side of the creek', incidentId, entityId: null }));
  schedule(420, () => call(app, 'utilities-lead', 'log.append', { text: 'Zone substation: forecast water short of the plinth; electrical crew on watch', incidentId, entityId: null }));
  schedule(600, () => call(app, 'pio-lead', 'log.append', { text: 'Public warning issued: stay off flooded roads in Merewether; do not drive through flood water', incidentId, entityId: null }));
  schedule(1700, () => call(app, 'eoc-lead', 'log.append', { text: 'Situation report: creek inflow steady, no injuries reported, crews on station', incidentId, entityId: null }));
  return () => incidentId;
}

/** Drafts shallower than this are answered with signs and a patrol rather than a closure. */
const signsOnlyBelow = 0.35;
/** Of the approved tasks, the traffic crew works through this many in the recording. */
const crewTasks = 6;

/**
 * Acknowledgements, decisions on the drafts (most urgent first) and task moves for what the
 * forecast raised and drafted: its alerts are acknowledged within minutes by two desks, the
 * police hold traffic at the most urgent place, the shallowest closures are rejected, the most
 * urgent approved with a higher priority.
 */
async function actOnForecast(app: PolderApp, record: ForecastRecord, schedule: Schedule, done: number): Promise<void> {
  const impacts = new Map((record.impacts ?? []).map((i) => [i.id, i]));
  const raised = (record.alerts ?? []).filter((a) => a.action === 'raised').sort((a, b) => (a.leadSeconds ?? Infinity) - (b.leadSeconds ?? Infinity) || a.asset.localeCompare(b.asset));
  raised.forEach((a, i) => {
    const desk = acknowledgerOf[impacts.get(a.asset)?.kind ?? ''] ?? 'works-2';
    schedule(done + 45 + 15 * i, () => call(app, i % 2 && desk.startsWith('transport') ? 'transport-2' : desk, 'alerts.acknowledge', { alertId: a.alertId }));
  });
  const urgent = raised[0];
  if (urgent) {
    schedule(done + 100, () =>
      call(app, 'police-lead', 'tasks.create', { title: `Hold traffic short of ${urgent.name}`, description: 'Patrol to stop vehicles entering the water until Transport has the closure up.', department: 'police', priority: 'critical', dueAt: null, location: null, alertId: urgent.alertId, incidentId: null }),
    );
  }
  const rank = new Map(raised.map((a, i) => [a.asset, i]));
  const drafts = (await call(app, 'eoc-lead', 'recommendations.list', { status: 'draft' }))
    .filter((d) => d.forecastId === record.id)
    .sort((a, b) => (rank.get(a.target) ?? Infinity) - (rank.get(b.target) ?? Infinity) || a.target.localeCompare(b.target));
  let approved = 0;
  drafts.forEach((d, i) => {
    const lead = `${d.department}-lead`;
    const decideAt = done + 150 + 40 * i;
    if ((impacts.get(d.target)?.peakDepth ?? Infinity) < signsOnlyBelow) {
      schedule(decideAt, () => call(app, lead, 'recommendations.reject', { id: d.id, reason: `Shallow there (under ${signsOnlyBelow} m) and off the detour route: signs and a patrol instead of a closure` }));
      return;
    }
    const n = approved++;
    let taskId = '';
    schedule(decideAt, async () => {
      const args = n === 0 ? { id: d.id, description: `${d.description} Police hold traffic there until the barriers are up.`, reason: 'Water is already over the road there: close it first, with the police' } : { id: d.id };
      taskId = (await call(app, lead, 'recommendations.approve', args)).task.id;
    });
    if (n >= crewTasks) return;
    schedule(decideAt + 60 + 60 * n, () => call(app, lead, 'tasks.assign', { taskId, unitId: unitOf[d.department] ?? null }));
    schedule(decideAt + 240 + 60 * n, () => call(app, `${d.department}-1`, 'tasks.transition', { taskId, to: 'in_progress' }));
    if (n % 2 === 0) schedule(decideAt + 720 + 60 * n, () => call(app, `${d.department}-1`, 'tasks.transition', { taskId, to: 'done', note: 'Barriers and detour signs up' }));
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-merewether-recording-'));
  try {
    prepareDataDir(dataDir);
    const scenario = await loadScenario(packDir);
    console.log(`running the flood model for ${feedSeconds} s to reconstruct the gauges…`);
    const { tracks } = await reconstructTracks(scenario, packDir, feedSeconds, intervalSeconds);
    // The pack has no rain input: its rain gauge would read a made-up storm, so it stays silent.
    const levels = tracks.filter((t) => t.kind === 'water-level');

    const clock = manualClock(window.from, 'exercise');
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, scenario: pack, clock, logger: silentLogger(), host: 'serve', runtime: nodeRuntime(), tickMs: 3_600_000 });
    try {
      const steps: { at: number; run: () => Promise<unknown> }[] = [];
      const schedule: Schedule = (seconds, run) => steps.push({ at: seconds, run });
      const incident = plan(app, schedule);
      const runDue = async (upTo: number) => {
        steps.sort((a, b) => a.at - b.at);
        while (steps.length && steps[0]!.at <= upTo) {
          const step = steps.shift()!;
          clock.set(at(step.at));
          await step.run();
        }
      };
      await runDue(-1);

      clock.set(t0);
      const forecast = await call(app, 'eoc-1', 'forecast.run', { aheadMinutes: 20, members: 1, from: 'start', basis: 'scenario' });
      const forecastEnds = 40;
      const ackedSensorAlerts = new Set<string>();
      const readings = [...feedReadings(levels, { intervalSeconds, durationSeconds: feedSeconds, noise: 1, lossRate: 0, seed: 2007, faults: { stuck: null, spike: null, dropout: null } })];
      for (let second = 0; second <= feedSeconds; second += intervalSeconds) {
        if (second === forecastEnds) {
          clock.set(at(second));
          const record = await forecastDone(app, forecast.id);
          if (record.state !== 'completed') throw new Error(`the forecast ${record.state}: ${record.error ?? ''}`);
          if (record.endedAt !== at(second)) throw new Error('the forecast ended before its scheduled time: rerun the script');
          await actOnForecast(app, record, schedule, second);
        }
        await runDue(second);
        clock.set(at(second));
        for (const r of readings.filter((x) => x.scenarioTime === second)) {
          const body = { phenomenonTime: new Date(at(second)).toISOString(), resultTime: new Date(at(second)).toISOString(), result: r.value, parameters: { reconstructed: true, scenario: pack, scenarioTime: second } };
          app.sensors.receive(observationsTopic(r.sensorId), Buffer.from(JSON.stringify(body)));
        }
        app.sensors.flush();
        // the drainage desk acknowledges each gauge alert about a minute after it comes in
        for (const alert of await call(app, 'works-1', 'alerts.list', { status: 'open' })) {
          if (alert.source === 'sensor' && alert.status === 'raised' && !ackedSensorAlerts.has(alert.id) && clock.now() - alert.raisedAt >= 50_000) {
            ackedSensorAlerts.add(alert.id);
            await call(app, ackedSensorAlerts.size % 2 ? 'works-1' : 'works-2', 'alerts.acknowledge', { alertId: alert.id, note: 'Seen: drainage crew checking the gauge site' });
          }
        }
      }
      await runDue(Number.POSITIVE_INFINITY);
      console.log(`incident ${incident()}: ${readings.length} readings, forecast ${forecast.id}`);
    } finally {
      await app.close();
    }

    const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: silentLogger(), readonly: true });
    try {
      const { key } = loadOrCreateDeviceKey(dataDir, deviceId);
      const roster = loadHeldRoster(dataDir)!;
      const recording = exportRecording({ db: store.db, from: window.from, to: window.to, now: window.to, deviceId, key, roster, packs: () => [{ name: pack, dir: packDir }] });
      const problems = verifyRecording(recording, (name) => (name === pack ? packDir : null));
      if (problems.length) throw new Error(`the recording does not verify:\n${problems.join('\n')}`);
      mkdirSync(dirname(out), { recursive: true });
      const text = JSON.stringify(recording) + '\n';
      writeFileSync(out, text);
      console.log(`wrote ${out}: ${recording.events.length} events, ${recording.forecasts.length} forecasts, ${recording.recommendations.length} recommended tasks, ${(text.length / 1024).toFixed(0)} KiB`);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
