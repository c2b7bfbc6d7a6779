import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heldRosterPath, writeRosterFile } from '../identity/held-roster.ts';
import { opsDatabasePath } from '../ops/service.ts';
import type { Recording } from '../record/format.ts';

/** Where an exercise run from a recording keeps it: the after-action report compares trainees' actions with the recorded ones there. */
export const exerciseRecordingPath = (dataDir: string): string => join(dataDir, 'recording.json');

/**
 * Readies a claimed exercise folder for an exercise from a (verified) recording: a copy of the
 * recording file as `recording.json` and the recording's roster as the folder's held roster. The
 * recorded events are not imported: trainees make the decisions live. A restart must name the
 * same recording file (by SHA-256) it was started from.
 */
export function prepareExerciseRecording(dataDir: string, file: string, recording: Recording): 'copied' | 'reused' {
  const target = exerciseRecordingPath(dataDir);
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  if (existsSync(target)) {
    if (sha(target) !== sha(file)) throw new Error(`${dataDir} runs an exercise from another recording (${target}): give a new --data-dir for this one`);
    return 'reused';
  }
  if (existsSync(opsDatabasePath(dataDir))) throw new Error(`${dataDir} holds an exercise started without a recording: give a new --data-dir for this one`);
  writeRosterFile(heldRosterPath(dataDir), recording.roster);
  copyFileSync(file, target);
  return 'copied';
}
