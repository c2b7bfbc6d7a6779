import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ScenarioError } from './errors.ts';
import { describeIssues, ScenarioFile } from './schema.ts';
import { readJson } from './files.ts';

export interface PackFile {
  /** Absolute pack folder. */
  dir: string;
  /** Absolute path of scenario.json (the file named in errors about the set-up). */
  file: string;
  spec: ScenarioFile;
  /** Absolute path of a file the pack names; a ScenarioError when it lies (or links) outside the pack. */
  path: (name: string) => string;
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/**
 * A pack's files stay inside its folder, by name and after following links: a pack from
 * elsewhere must not make Polder read (and report on) any other file on the machine.
 */
function packPath(root: string, scenarioFile: string, name: string): string {
  const path = resolve(root, name);
  if (outside(root, path)) throw new ScenarioError(scenarioFile, `"${name}" is outside the pack folder; a pack may only name files inside it`);
  if (existsSync(path) && outside(realpathSync(root), realpathSync(path))) {
    throw new ScenarioError(scenarioFile, `"${name}" links to a file outside the pack folder; a pack may only name files inside it`);
  }
  return path;
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
  return { dir: root, file, spec: parsed.data, path: (name) => packPath(root, file, name) };
}
