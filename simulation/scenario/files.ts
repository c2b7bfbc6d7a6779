import { readFileSync } from 'node:fs';
import { ScenarioError } from './errors.ts';

function unreadable(file: string, error: unknown): ScenarioError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ScenarioError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`);
}

export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** UTF-8 text without a leading byte-order mark (spreadsheet programs write one into CSV). */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** Parses a JSON file; a ScenarioError for a missing file or malformed JSON. */
export function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, `malformed JSON (${(error as Error).message})`);
  }
}
