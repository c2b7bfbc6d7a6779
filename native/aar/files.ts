// The report's optional inputs read from files, each with one line saying what is wrong.
import { readFileSync } from 'node:fs';
import type { Recording } from '../record/format.ts';
import { parseRecording } from '../record/verify.ts';
import { parseInjects, type Inject } from './inject.ts';

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`the ${what} ${file} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON'}`, { cause: err });
  }
}

export function readRecordingFile(file: string): Recording {
  const parsed = parseRecording(readJson(file, 'recording'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
  return parsed.recording;
}

/** A JSON list of injects (inject.ts): the exercise module hands them over in this shape. */
export function readInjectsFile(file: string): Inject[] {
  const parsed = parseInjects(readJson(file, 'MSEL'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
  return parsed.injects;
}
