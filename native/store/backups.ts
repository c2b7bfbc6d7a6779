import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const prefix = 'ops-';
const suffix = '.sqlite';

/** `ops-2026-11-21T14-00-00-000Z.sqlite`: sorts by time, safe on every filesystem. */
export function backupFileName(now: number): string {
  return `${prefix}${new Date(now).toISOString().replace(/[:.]/g, '-')}${suffix}`;
}

/** When an automatic backup was taken, by the app clock, from its name; null for other files. */
export function backupTakenAt(name: string): number | null {
  const match = /^ops-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/.exec(name);
  if (!match) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Automatic backups in `dir`, newest first. */
export function listBackups(dir: string): { path: string; takenAt: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ path: join(dir, name), takenAt: backupTakenAt(name) }))
    .filter((b): b is { path: string; takenAt: number } => b.takenAt !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

/** Deletes all but the newest `keep` automatic backups; other files in the folder are left alone. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed = listBackups(dir).slice(keep).map((b) => b.path);
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}
