import { join, resolve } from 'node:path';
import { ScenarioError } from './errors.ts';
import { describeIssues, ScenarioFile } from './schema.ts';
import { readJson } from './files.ts';

export interface PackFile {
  /** Absolute pack folder. */
  dir: string;
  /** Absolute path of scenario.json (the file named in errors about the set-up). */
  file: string;
  spec: ScenarioFile;
  /** Absolute path of a file the pack names. */
  path: (name: string) => string;
}

/** Reads and validates `<dir>/scenario.json`. */
export function readScenarioFile(dir: string): PackFile {
  const root = resolve(dir);
  const file = join(root, 'scenario.json');
  const parsed = ScenarioFile.safeParse(readJson(file));
  if (!parsed.success) throw new ScenarioError(file, describeIssues(parsed.error));
  return { dir: root, file, spec: parsed.data, path: (name) => resolve(root, name) };
}
