import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SyncConfig } from '../sync/handlers.ts';
import { checkSegment } from '../sync/topics.ts';

/**
 * The organisation segment an exercise syncs under: `<org>.exercise-<id>`. Live nodes subscribe
 * to `polder/v1/<org>/…`, so nothing an exercise node publishes is on a topic they hear.
 */
export function exerciseOrg(org: string, exerciseId: string): string {
  const segment = `${org}.exercise-${exerciseId}`;
  checkSegment('exercise organisation', segment);
  return segment;
}

/** The sync configuration of an exercise node: the same brokers, the exercise's own topics. */
export function exerciseSync(sync: SyncConfig | undefined, exerciseId: string): SyncConfig | undefined {
  return sync ? { ...sync, org: exerciseOrg(sync.org, exerciseId) } : undefined;
}

const markerFile = 'exercise.json';

/**
 * An exercise writes only into a data folder of its own: never the live default, never a folder
 * that holds a live store (an ops database without the exercise marker), never another exercise's.
 * Marks a fresh folder as this exercise's.
 */
export function claimExerciseDataDir(dataDir: string, liveDefault: string, exerciseId: string): void {
  if (resolve(dataDir) === resolve(liveDefault)) throw new Error(`an exercise needs its own --data-dir: ${dataDir} is the live data folder`);
  const marker = join(dataDir, markerFile);
  if (existsSync(marker)) {
    const held = (JSON.parse(readFileSync(marker, 'utf8')) as { exerciseId?: unknown }).exerciseId;
    if (held !== exerciseId) throw new Error(`${dataDir} holds exercise ${String(held)}, not ${exerciseId}: give another --data-dir`);
    return;
  }
  if (existsSync(join(dataDir, 'ops.sqlite'))) throw new Error(`${dataDir} holds a live operations log: an exercise needs a data folder of its own`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(marker, `${JSON.stringify({ exerciseId }, null, 2)}\n`);
}
