import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recording } from '../record/format.ts';
import { importRecording, importTargetProblem } from '../record/import.ts';
import type { StoreLogger } from '../store/store.ts';

/** Names the recording file (by SHA-256) a replay folder was imported from: read without opening any store in the folder. */
const markerFile = (dataDir: string) => join(dataDir, 'replay-of.sha256');

/**
 * Makes `dataDir` the replay's own folder: a new or empty folder gets the recording imported; the
 * folder an earlier replay of the same recording file imported into is used again. Anything else
 * (a live data folder above all) is refused, and left as it was, not even opened.
 */
export function prepareReplayFolder(dataDir: string, recording: Recording, sha256: string, logger: StoreLogger): 'imported' | 'reused' {
  const problem = importTargetProblem(dataDir);
  if (problem === null) {
    importRecording(recording, dataDir, sha256, logger);
    writeFileSync(markerFile(dataDir), `${sha256}\n`);
    return 'imported';
  }
  const from = existsSync(markerFile(dataDir)) ? readFileSync(markerFile(dataDir), 'utf8').trim() : null;
  if (from === sha256) return 'reused';
  throw new Error(from === null ? `${problem} (a replay never runs in a live data folder)` : `${dataDir} holds the replay of another recording (sha256 ${from}): give a new, empty folder for this one`);
}
