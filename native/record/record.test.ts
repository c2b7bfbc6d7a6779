import Database from 'better-sqlite3';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile, deviceKeyPath } from '../identity/keys.ts';
import { loadHeldRoster } from '../identity/held-roster.ts';
import { opsDatabasePath } from '../ops/service.ts';
import { repoPaths } from '../paths.ts';
import { quietLogger, tempDir } from '../store/test-helpers.ts';
import { importRecording, importTargetProblem } from './import.ts';
import { exportRecording } from './export.ts';
import type { Recording } from './format.ts';
import { packHash } from './pack-hash.ts';
import { makeSource, sourceStart, sourceWindow } from './test-source.ts';
import { parseRecording, verifyRecording } from './verify.ts';

const packDir = join(repoPaths.resources, 'scenarios', 'merewether-2007');
const packs = (name: string) => (name === 'merewether-2007' ? packDir : null);

let dir: ReturnType<typeof tempDir>;
let recording: Recording;
let source: Database.Database;

beforeAll(async () => {
  dir = tempDir('polder-record-');
  await makeSource(dir.dir);
  source = new Database(opsDatabasePath(dir.dir), { readonly: true });
  recording = exportRecording({
    db: source,
    ...sourceWindow,
    now: sourceWindow.to,
    deviceId: 'dev_a',
    key: readKeyFile(deviceKeyPath(dir.dir)).key,
    roster: loadHeldRoster(dir.dir)!,
    packs: (named) => (named.includes('merewether-2007') ? [{ name: 'merewether-2007', dir: packDir }] : []),
  });
});
afterAll(() => {
  source?.close();
  dir.cleanup();
});

/** The recording as a reader gets it back from its file, changed by `edit`. */
function altered(edit: (r: Recording) => void): Recording {
  const copy = JSON.parse(JSON.stringify(recording)) as Recording;
  edit(copy);
  const parsed = parseRecording(copy);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.recording;
}

describe('recordings', () => {
  it('holds the window: each origin from mid-chain with its predecessor hash, the records and the pack by content hash', () => {
    expect(recording.origins).toEqual([
      { origin: 'dev_a', firstSeq: 2, lastSeq: 3, prevHash: source.prepare("SELECT hash FROM events WHERE origin = 'dev_a' AND seq = 1").pluck().get(), missing: [] },
      { origin: 'dev_b', firstSeq: 2, lastSeq: 3, prevHash: source.prepare("SELECT hash FROM events WHERE origin = 'dev_b' AND seq = 1").pluck().get(), missing: [] },
    ]);
    expect(recording.events.map((e) => `${e.origin}#${e.seq}`)).toEqual(['dev_a#2', 'dev_a#3', 'dev_b#2', 'dev_b#3']);
    expect(recording.forecasts.map((f) => f.id)).toEqual(['fc-1']);
    expect(recording.simRuns.map((r) => r.id)).toEqual(['run-1']);
    expect(recording.simRunEdits).toHaveLength(1);
    expect(recording.sensorObservations!.map((r) => [r.received_at, r.value])).toEqual([3, 4, 5, 6].map((half) => [sourceStart + (half * 3600_000) / 2, 0.05 * half]));
    expect(recording.sensorQuarantine).toEqual([{ received_at: sourceStart + 2 * 3600_000, topic: 'polder/v1/observations', sensor_id: null, reason: 'the payload is not UTF-8 text', payload: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') }]);
    expect(recording.packs).toEqual([{ name: 'merewether-2007', sha256: packHash(packDir) }]);
    expect(verifyRecording(recording, packs)).toEqual([]);
  });

  it('names a pack by a hash of its files’ names and bytes, not where the folder is', () => {
    const copy = join(dir.dir, 'pack-copy');
    cpSync(packDir, copy, { recursive: true });
    expect(packHash(copy)).toBe(packHash(packDir));
    renameSync(join(copy, 'README.md'), join(copy, 'README.txt'));
    const renamed = packHash(copy);
    expect(renamed).not.toBe(packHash(packDir));
    appendFileSync(join(copy, 'scenario.json'), ' ');
    expect(packHash(copy)).not.toBe(renamed);
  });

  it('catches a tampered event', () => {
    const problems = verifyRecording(altered((r) => (r.events[2]!.payload = r.events[2]!.payload.replace('Crew 2', 'Crew 9'))), packs);
    expect(problems).toContain('event dev_b#2: content does not match its hash (altered)');
  });

  it('catches a removed event (at the start or the end of an origin’s span) and a duplicated one', () => {
    expect(verifyRecording(altered((r) => r.events.splice(0, 1)), packs)).toContain('event dev_a#2 is missing from the recording (removed)');
    expect(verifyRecording(altered((r) => r.events.splice(1, 1)), packs)).toContain('event dev_a#3 is missing from the recording (removed)');
    expect(verifyRecording(altered((r) => r.events.push({ ...r.events[0]! })), packs)).toContain('event dev_a#2 appears twice (two versions of one sequence number)');
  });

  it('catches a bad signature', () => {
    const problems = verifyRecording(altered((r) => (r.events[3]!.sig = r.events[2]!.sig)), packs);
    expect(problems).toContain("event dev_b#3: bad signature: event dev_b#3: the signature is not device dev_b's over this content");
  });

  it('catches a wrong pack hash, and a pack this machine lacks', () => {
    const wrong = '0'.repeat(64);
    expect(verifyRecording(altered((r) => (r.packs[0]!.sha256 = wrong)), packs)).toContain(`scenario pack merewether-2007 (${packDir}) has content hash ${packHash(packDir)}, the recording needs ${wrong}`);
    expect(verifyRecording(recording, () => null)).toEqual(['scenario pack merewether-2007 is not available here']);
  });

  it('catches a changed record or declaration through the exporter’s signature', () => {
    const problems = verifyRecording(altered((r) => (r.forecasts[0]!.state = 'failed')), packs);
    expect(problems).toEqual(["the recording's signature by dev_a does not match its content (altered after export)"]);
    expect(verifyRecording(altered((r) => (r.origins[1]!.prevHash = 'f'.repeat(64))), packs)).toContain('event dev_b#2 does not link to event #1 of its origin');
  });

  it('catches a changed or removed sensor reading through the exporter’s signature, and a row a store cannot take', () => {
    const signatureBroken = ["the recording's signature by dev_a does not match its content (altered after export)"];
    expect(verifyRecording(altered((r) => (r.sensorObservations![1]!.value = 9.9)), packs)).toEqual(signatureBroken);
    expect(verifyRecording(altered((r) => r.sensorObservations!.pop()), packs)).toEqual(signatureBroken);
    expect(verifyRecording(altered((r) => r.sensorQuarantine!.splice(0, 1)), packs)).toEqual(signatureBroken);
    expect(verifyRecording(altered((r) => (r.sensorObservations![0]!.time = 'noon')), packs)).toContain("sensor observation 1: a recorded sensor row's time must be a number, got string");
  });

  it('imports the readings and rejects as they were received, with their counts', () => {
    const target = join(dir.dir, 'import-sensors');
    importRecording(recording, target, 'test', quietLogger);
    const db = new Database(opsDatabasePath(target), { readonly: true });
    try {
      const rows = db.prepare('SELECT sensor_id, time, value, result_time, received_at, flags, payload FROM sensor_readings ORDER BY received_at').all() as Record<string, unknown>[];
      expect(rows.map((r) => ({ ...r, payload: (r.payload as Buffer).toString('base64') }))).toEqual(recording.sensorObservations);
      expect(db.prepare('SELECT payload FROM sensor_quarantine').pluck().get()).toEqual(Buffer.from([0xff, 0xfe, 0x00]));
      expect(db.prepare('SELECT sensor_id, received, accepted, quarantined FROM sensor_counts ORDER BY sensor_id').all()).toEqual([
        { sensor_id: '', received: 1, accepted: 0, quarantined: 1 },
        { sensor_id: 'g-inlet', received: 4, accepted: 4, quarantined: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('says which format it reads', () => {
    expect(parseRecording({ ...recording, format: 'polder-recording/2' })).toEqual({ ok: false, problem: 'this is a polder-recording/2 recording; this build reads polder-recording/1' });
    expect(parseRecording({ format: 'x' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^not a Polder recording: format/) });
  });

  it('leaves the target folder as it was when an import fails part way', () => {
    const broken = altered((r) => (r.forecasts[0]!.state = 'bogus'));
    const fresh = join(dir.dir, 'import-new');
    expect(() => importRecording(broken, fresh, 'test', quietLogger)).toThrow(/CHECK constraint failed/);
    expect(existsSync(fresh)).toBe(false);
    const empty = join(dir.dir, 'import-empty');
    mkdirSync(empty);
    expect(() => importRecording(broken, empty, 'test', quietLogger)).toThrow(/CHECK constraint failed/);
    expect(readdirSync(empty)).toEqual([]);
    expect(importTargetProblem(dir.dir)).toMatch(/already holds an operations store/);
  });
});
