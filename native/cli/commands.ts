import type { Command } from './command.ts';
import { dbCommand } from './commands/db.ts';
import { feedCommand } from './commands/feed.ts';
import { logCommand } from './commands/log.ts';
import { serveCommand } from './commands/serve.ts';
import { simCommand } from './commands/sim.ts';

/** Every `polder` subcommand, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, dbCommand, logCommand, simCommand, feedCommand];
