// An exercise run from the bundled Merewether recording: its gauge readings arrive on the exercise
// clock, its recorded decisions stay in the recording (for the after-action report), not the log.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, nodeRuntime, type PolderApp } from '../app.ts';
import { manualClock } from '../clock/clock.ts';
import { virtualClock, type VirtualClock } from '../clock/virtual-clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import type { Recording } from '../record/format.ts';
import { parseRecording } from '../record/verify.ts';
import { opsDatabasePath } from '../ops/service.ts';
import { parseMsel } from './msel.ts';
import { exerciseRecordingPath, prepareExerciseRecording } from './recording-folder.ts';

async function openExercise(on: VirtualClock): Promise<PolderApp> {
  const msel = parseMsel('Event number,Scenario time,Delivery method,To,Synopsis\n1,00:10,message,EOC,Residents report water over Glebe Rd', {
    departments: rec.roster.departments,
    sensors: [],
    start: rec.window.from,
  });
  return createApp({
    dataDir, resourcesDir: repoPaths.resources, scenario: rec.packs[0]!.name, clock: on, logger: silentLogger(), host: 'serve', runtime: nodeRuntime(),
    // No forecast starts from the readings while the test looks (it would run the flood engine).
    forecasts: { readingWindowMs: 24 * 3_600_000 },
    exercise: { exerciseId: 'from-recording', msel, clock: on, recording: rec },
  });
}

const bundled = join(repoPaths.resources, 'recordings', 'merewether-2007.polder-recording.json');
let root: string;
let dataDir: string;
let app: PolderApp;
let clock: VirtualClock;
let rec: Recording;

beforeAll(async () => {
  const parsed = parseRecording(JSON.parse(readFileSync(bundled, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problem);
  rec = parsed.recording;
  root = mkdtempSync(join(tmpdir(), 'polder-exercise-rec-'));
  dataDir = join(root, 'drill');
  mkdirSync(dataDir);
  expect(prepareExerciseRecording(dataDir, bundled, rec)).toBe('copied');
  clock = virtualClock({ source: manualClock(0), start: rec.window.from, mode: 'exercise' });
  app = await openExercise(clock);
});
afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The exercise's store as another process would read it. */
function store(): Database.Database {
  app.sensors.flush();
  return new Database(opsDatabasePath(dataDir), { readonly: true });
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('an exercise from a recording', () => {
  it('delivers the recorded gauge readings on the exercise clock: each after its time, none before', async () => {
    const recorded = rec.sensorObservations ?? [];
    expect(recorded.length).toBeGreaterThan(100);
    const first = Math.min(...recorded.map((r) => Number(r.received_at)));
    const firstRows = recorded.filter((r) => Number(r.received_at) === first);
    expect(first).toBeGreaterThan(rec.window.from);
    const db = store();
    const count = () => {
      app.sensors.flush();
      return db.prepare<[], number>('SELECT count(*) FROM sensor_readings').pluck().get();
    };
    await settle();
    expect(count()).toBe(0);
    clock.seek(first - 1);
    await settle();
    expect(count()).toBe(0);
    clock.seek(first);
    await settle();
    expect(count()).toBe(firstRows.length);
    expect(db.prepare('SELECT sensor_id, time, value FROM sensor_readings ORDER BY sensor_id').all()).toEqual(
      firstRows.map((r) => ({ sensor_id: r.sensor_id, time: r.time, value: r.value })).sort((a, b) => String(a.sensor_id).localeCompare(String(b.sensor_id))),
    );
    clock.seek(rec.window.to);
    await settle();
    expect(count()).toBe(recorded.length);
    db.close();
  });

  it('leaves the recorded decisions out of the exercise log, and keeps the recording beside it for the after-action report', () => {
    const db = store();
    const ids = new Set(rec.events.map((e) => e.id));
    const logged = db.prepare<[], { id: string; actor: string; type: string }>('SELECT id, actor, type FROM events').all();
    expect(logged.filter((e) => ids.has(e.id))).toEqual([]);
    // Nobody signed in: every event is the exercise's own (its inject, the live threshold alerts the readings raised).
    expect(new Set(logged.map((e) => e.actor))).toEqual(new Set(['system']));
    expect(logged.map((e) => e.type)).toContain('inject.delivered');
    expect(logged.map((e) => e.type)).toContain('alert.raised');
    for (const decided of ['alert.acknowledged', 'task.created', 'task.assigned', 'incident.created']) expect(logged.map((e) => e.type)).not.toContain(decided);
    db.close();
    expect(readFileSync(exerciseRecordingPath(dataDir))).toEqual(readFileSync(bundled));
    expect(prepareExerciseRecording(dataDir, bundled, rec)).toBe('reused');
  });
  it('restarted on its folder, goes on from the last reading it received: none twice', async () => {
    const received = () => {
      const db = store();
      const n = db.prepare<[], number>('SELECT sum(received) FROM sensor_counts').pluck().get();
      db.close();
      return n;
    };
    const before = received();
    await app.close();
    const { from, to } = rec.window;
    clock = virtualClock({ source: manualClock(0), start: from, mode: 'exercise' });
    app = await openExercise(clock);
    clock.seek(to);
    await settle();
    expect(received()).toBe(before);
    expect(before).toBe((rec.sensorObservations ?? []).length + (rec.sensorQuarantine ?? []).length);
  });
});
