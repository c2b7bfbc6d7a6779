import type { Database } from 'better-sqlite3';

/** One schema step. `version` numbers increase (1, 2, …); `up` runs inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema to `target` (the newest version by default), one transaction per step, so a
 * crash mid-way leaves the database at the last completed step. Refuses a database written by a
 * newer app. Numbers may skip one reserved by work not merged yet (a branch ships 7 before 5 and 6
 * land); a database at a number this app does not know is refused.
 */
export function migrate(db: Database, migrations: readonly Migration[], target = migrations.at(-1)?.version ?? 0): number {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!(m.version > previous)) throw new Error(`migration ${m.name} has version ${m.version}, expected more than ${previous}`);
  });
  const newest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > newest) {
    throw new Error(`the database has schema version ${current}, newer than this app knows (${newest}); update Polder`);
  }
  if (current !== 0 && !migrations.some((m) => m.version === current)) throw new Error(`the database has schema version ${current}, which this app does not know`);
  for (const m of migrations.filter((m) => m.version > current && m.version <= target)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
