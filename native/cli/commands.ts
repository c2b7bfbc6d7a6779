import type { Command } from './command.ts';
import { brokerCommand } from './commands/broker.ts';
import { capCommand } from './commands/cap.ts';
import { dbCommand } from './commands/db.ts';
import { exerciseCommand } from './commands/exercise.ts';
import { icsCommand } from './commands/ics.ts';
import { forecastCommand } from './commands/forecast.ts';
import { keysCommand } from './commands/keys.ts';
import { feedCommand } from './commands/feed.ts';
import { reportsCommand } from './commands/reports.ts';
import { logCommand } from './commands/log.ts';
import { recordCommand } from './commands/record.ts';
import { aarCommand } from './commands/aar.ts';
import { replayCommand } from './commands/replay.ts';
import { rosterCommand } from './commands/roster.ts';
import { serveCommand } from './commands/serve.ts';
import { simCommand } from './commands/sim.ts';
import { syncCommand } from './commands/sync.ts';

/** Every `polder` subcommand, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, dbCommand, logCommand, simCommand, feedCommand, forecastCommand, syncCommand, brokerCommand, keysCommand, rosterCommand, capCommand, reportsCommand, icsCommand, recordCommand, aarCommand, exerciseCommand, replayCommand];
