import { demoRosterData } from './demo-roster-data.ts';
import { verifyRoster, type Roster } from './roster.ts';

export { demoPin } from './demo-pin.ts';

/** The built-in roster of the bundled scenario (every person's PIN is demoPin), used when a device holds none. */
export function demoRoster(): Roster {
  const checked = verifyRoster(demoRosterData);
  if (!checked.ok) throw new Error(`the built-in demo roster is damaged: ${checked.problem}`);
  return checked.roster;
}
