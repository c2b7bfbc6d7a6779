// A data folder to record from (tests): two enrolled devices, events before, in and after a
// window, a forecast and a simulation run inside it.
import { manualClock } from '../clock/clock.ts';
import { createForecastStore } from '../decide/forecast-store.ts';
import { writeRosterFile, heldRosterPath } from '../identity/held-roster.ts';
import { loadOrCreateDeviceKey } from '../identity/keys.ts';
import { craftEvent, logLine } from '../identity/test-events.ts';
import { testDeviceKey, testRoster } from '../identity/test-roster.ts';
import { openOpsService } from '../ops/service.ts';
import { createRunStore } from '../sim/run-store.ts';
import { createReadingStore } from '../sensors/reading-store.ts';
import { quietLogger } from '../store/test-helpers.ts';

const hour = 3600_000;
export const sourceStart = Date.UTC(2007, 5, 8, 6, 0, 0);
/** Holds dev_a's events #2..#3 (after the seeded units) and all of remote dev_b's #2..#3; dev_b #1 and dev_a's later ones fall outside. */
export const sourceWindow = { from: sourceStart + 1.5 * hour, to: sourceStart + 3.5 * hour };

export async function makeSource(dataDir: string): Promise<void> {
  const { key } = loadOrCreateDeviceKey(dataDir, 'dev_a');
  const remote = testDeviceKey('dev_b');
  const { roster } = testRoster([
    { id: 'dev_a', publicKey: key.publicKey, kind: 'workstation', revoked: false },
    { id: 'dev_b', publicKey: remote.publicKey, kind: 'field-laptop', revoked: false },
  ]);
  writeRosterFile(heldRosterPath(dataDir), roster);
  const clock = manualClock(sourceStart);
  const ops = openOpsService({ dataDir, clock, push: { emit() {} }, logger: quietLogger, deviceId: 'dev_a', seedUnits: [{ id: 'unit-pump-1', name: 'Pump 1', kind: 'pump', department: 'works' }], backupEveryMs: 0 });
  try {
    const lead = ops.directory.actors.find((a) => a.id === 'eoc-lead')!;
    const remoteEvents = [];
    let prev = '';
    for (const [seq, at] of [[1, sourceStart + 1 * hour], [2, sourceStart + 2 * hour], [3, sourceStart + 2.5 * hour]] as const) {
      const ev = craftEvent(remote, 'dev_b', seq, prev, at, logLine('fire-lead', 'fire', `Crew ${seq} at the creek`));
      remoteEvents.push(ev);
      prev = ev.hash;
    }
    for (const at of [2, 3, 4]) {
      clock.set(sourceStart + at * hour);
      ops.logActivity(lead, `Situation report ${at}`);
    }
    const applied = ops.applyRemoteEvents(remoteEvents);
    if (applied.rejected.length) throw new Error(`test source: ${applied.rejected[0]!.reason}`);
    const forecasts = createForecastStore(ops.store.db);
    forecasts.start({ id: 'fc-1', scenario: 'merewether-2007', requestedBy: 'eoc-lead', requestedAt: sourceStart + 2 * hour, trigger: 'request', inputs: { aheadMinutes: 60 } });
    forecasts.end('fc-1', { state: 'completed', endedAt: sourceStart + 2 * hour + 5000, wallSeconds: 5, impacts: [], alerts: [] });
    forecasts.start({ id: 'fc-early', scenario: 'merewether-2007', requestedBy: 'eoc-lead', requestedAt: sourceStart, trigger: 'request', inputs: {} });
    const runs = createRunStore(ops.store.db);
    runs.start({ id: 'run-1', scenario: 'Merewether 2007', startedBy: 'eoc-lead', startedAt: sourceStart + 3 * hour, args: { durationSeconds: 3600, frameIntervalSeconds: 60, threads: null, scheme: null } });
    runs.addEdit('run-1', { kind: 'removePump', id: 'p1' }, 'eoc-lead', sourceStart + 3 * hour + 1000);
    // Readings received each half hour from 06:00 (before, in and after the window), and one reject in it.
    const readings = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((half) => {
      const at = sourceStart + half * hour / 2;
      return { sensorId: 'g-inlet', time: at - 2000, value: 0.05 * half, resultTime: null, receivedAt: at, flags: 0, raw: Buffer.from(JSON.stringify({ ds: 'g-inlet', t: at - 2000, v: 0.05 * half })) };
    });
    createReadingStore(ops.store.db).write(readings, [{ receivedAt: sourceStart + 2 * hour, topic: 'polder/v1/observations', sensorId: null, reason: 'the payload is not UTF-8 text', raw: Buffer.from([0xff, 0xfe, 0x00]) }]);
  } finally {
    await ops.close();
  }
}
