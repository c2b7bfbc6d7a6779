// The report's optional inputs read from files, each with one clear error saying what is wrong.
import { readFileSync } from 'node:fs';
import type { Inject } from '../api/exercise.ts';
import { MselError, parseMsel, type MselContext } from '../exercise/msel.ts';
import type { Recording } from '../record/format.ts';
import { parseRecording } from '../record/verify.ts';
import { injectsFromPlan } from './injects.ts';

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`the ${what} ${file} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(err as Error).message}`}`, { cause: err });
  }
}

export function readRecordingFile(file: string): Recording {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file, 'recording'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new Error(`the recording ${file} is not valid JSON`, { cause: err });
    throw err;
  }
  const parsed = parseRecording(raw);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
  return parsed.recording;
}

/** An MSEL (HSEEP CSV, README "Exercises") run outside the data folder: its injects, each taken as delivered at its scenario time. */
export function readMselFile(file: string, context: MselContext): Inject[] {
  const text = readText(file, 'MSEL');
  try {
    return injectsFromPlan(parseMsel(text, context).injects);
  } catch (err) {
    if (err instanceof MselError) throw new Error(`${file} has ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}:\n${err.message}`, { cause: err });
    throw err;
  }
}
