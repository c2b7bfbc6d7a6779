import { existsSync } from 'node:fs';
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
  // packs once carried their engine settings in a file of their own; refuse it rather than ignore it
  const legacy = join(root, 'engine.json');
  if (existsSync(legacy)) throw new ScenarioError(legacy, 'engine settings now live in scenario.json\'s "engine" object; move them there and delete this file');
  return { dir: root, file, spec: parsed.data, path: (name) => resolve(root, name) };
}
