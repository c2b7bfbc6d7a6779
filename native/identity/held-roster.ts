import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replacementProblem, verifyRoster, type Roster } from './roster.ts';

export function heldRosterPath(dataDir: string): string {
  return join(dataDir, 'roster.json');
}

/** Reads a roster file as JSON; throws one line when it cannot. */
export function readRosterFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON'}`, { cause: err });
  }
}

export function writeRosterFile(path: string, roster: Roster): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(roster, null, 2) + '\n');
  renameSync(temporary, path);
}

/** The roster this device holds, or null when it holds none (the demo roster then applies). A held file that fails its check is an error, never ignored. */
export function loadHeldRoster(dataDir: string): Roster | null {
  const path = heldRosterPath(dataDir);
  if (!existsSync(path)) return null;
  const checked = verifyRoster(readRosterFile(path));
  if (!checked.ok) throw new Error(`the roster this device holds (${path}) fails its check: ${checked.problem}`);
  return checked.roster;
}

/**
 * Makes `raw` the roster this device holds when it is signed and (if one is held already) a newer
 * version under the same admin key. Returns why not otherwise, leaving the held roster as it was.
 */
export function installRoster(dataDir: string, raw: unknown, held: Roster | null = loadHeldRoster(dataDir)): { ok: true; roster: Roster } | { ok: false; problem: string } {
  const checked = verifyRoster(raw);
  if (!checked.ok) return checked;
  const problem = held ? replacementProblem(held, checked.roster) : null;
  if (problem) return { ok: false, problem };
  writeRosterFile(heldRosterPath(dataDir), checked.roster);
  return checked;
}
