import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreLogger } from '../store/store.ts';
import type { EventPayload } from '../ops/event.ts';
import { createProjector } from '../ops/projector.ts';
import { opsBackupDir, opsDatabasePath } from '../ops/service.ts';
import { heldRosterPath, writeRosterFile } from '../identity/held-roster.ts';
import { migrations } from '../store/migrations/index.ts';
import { openStore } from '../store/store.ts';
import { recordedTables, type Recording } from './format.ts';
import { writeSensorRows } from './sensor-rows.ts';

/** Why `dir` may not receive a recording (it holds something already), or null when it is new or empty. */
export function importTargetProblem(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const entries = readdirSync(dir);
  if (entries.length === 0) return null;
  const live = entries.includes('ops.sqlite') ? 'an operations store' : `${entries.length} file${entries.length === 1 ? '' : 's'}`;
  return `${dir} already holds ${live}: a recording is imported into a new, empty data folder only`;
}

/**
 * Writes a verified recording into a new data folder: its events as they were (projections built
 * from them in merge order), its forecast and run records, and its roster as the roster held. The
 * folder's own device id is made when it is first opened, so it never writes as a recorded device.
 */
export function importRecording(rec: Recording, dataDir: string, sourceSha256: string, logger: StoreLogger): { events: number } {
  const problem = importTargetProblem(dataDir);
  if (problem) throw new Error(problem);
  const created = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeStore(rec, dataDir, sourceSha256, logger);
  } catch (err) {
    // The folder was new or empty: leave it as it was rather than half a replay.
    if (created) rmSync(dataDir, { recursive: true, force: true });
    else for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    throw err;
  }
  writeRosterFile(heldRosterPath(dataDir), rec.roster);
  return { events: rec.events.length };
}

function writeStore(rec: Recording, dataDir: string, sourceSha256: string, logger: StoreLogger): void {
  const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger });
  try {
    const { db } = store;
    const projector = createProjector(db);
    const insertEvent = db.prepare(
      'INSERT INTO events (id, origin, seq, hlc, actor, type, entity, payload, prev_hash, hash, sig) VALUES (@id, @origin, @seq, @hlc, @actor, @type, @entity, @payload, @prevHash, @hash, @sig)',
    );
    db.transaction(() => {
      const ordered = [...rec.events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.origin < b.origin ? -1 : 1));
      for (const ev of ordered) {
        insertEvent.run(ev);
        projector.apply({ ...ev, payload: JSON.parse(ev.payload) as EventPayload });
      }
      for (const [section, { table, columns }] of Object.entries(recordedTables)) {
        const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
        for (const row of rec[section as keyof typeof recordedTables]) insert.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
      }
      writeSensorRows(db, rec);
      db.prepare("INSERT INTO meta (key, value) VALUES ('imported_recording', ?)").run(JSON.stringify({ sha256: sourceSha256, from: rec.window.from, to: rec.window.to }));
    })();
  } finally {
    store.close();
  }
}
