import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, nodeRuntime } from '../../app.ts';
import { systemClock } from '../../clock/clock.ts';
import { virtualClock } from '../../clock/virtual-clock.ts';
import { claimExerciseDataDir, exerciseSync } from '../../exercise/isolation.ts';
import { MselError, parseMsel, type Msel, type MselContext } from '../../exercise/msel.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import { stderrLogger } from '../../logger.ts';
import { repoPaths } from '../../paths.ts';
import { isLoopback } from '../../serve/auth.ts';
import { loadServeLink, saveServeLink } from '../../serve/link-file.ts';
import { startServer } from '../../serve/server.ts';
import { seedsFromGaugeLayer } from '../../sensors/registry.ts';
import { resolveScenarioDir, scenarioLayers } from '../../../simulation/scenario/summary.ts';
import { openInBrowser } from '../open-browser.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { syncConfigFrom, syncFlags } from '../sync-flags.ts';

const options = `Options:
  --msel <file.csv>       the MSEL: HSEEP columns (README "Exercises"); every bad cell is listed and
                          nothing starts (required)
  --data-dir <path>       the exercise's own data folder (required): never the live one, nor a folder
                          holding a live store; a restart on it resumes the exercise
  --scenario <dir|name>   the scenario pack (default merewether-2007)
  --start <ISO time>      STARTEX, scenario time zero (default: the MSEL's earliest ISO time)
  --speed <x>             scenario seconds per real second, 1 to 60 (default 1)
  --paused                start with the clock paused (the controller view plays it)
  --exercise-id <id>      names the exercise's sync topics, <org>.exercise-<id> (default: from the
                          MSEL's content and start)
  --port <n>              serve on this port (default: the last one used on this data folder, else any)
  --host <address>        listen here (default 127.0.0.1); another address needs --allow-remote
  --allow-remote          allow a --host other machines can reach (trainees on their own machines)
  --open                  open the app in the default browser
  --json                  print {url, port, dataDir, exerciseId} as one JSON line
  --broker <url>, --org, --broker-ca, --broker-cert, --broker-key
                          sync with other exercise nodes on these brokers, under the exercise's own
                          topics (polder/v1/<org>.exercise-<id>/…); live topics are never used

Injects go into this app only: alerts into its queue (source "exercise"), messages into its
activity log, sensor anomalies into its own sensor service; it subscribes to no live sensor
topic and takes no CAP feed. Exported CAP says status Exercise.`;

export const exerciseCommand: Command = {
  name: 'exercise',
  summary: 'run an exercise: serve the app on a virtual clock that delivers an MSEL\'s injects',
  usage: 'polder exercise --msel <file.csv> --data-dir <path> [--scenario <dir|name>] [--start <ISO time>] [--speed <x>] [--paused] [--exercise-id <id>] [--port N] [--host 127.0.0.1] [--allow-remote] [--open] [--json] [--broker <url>]... [--org <name>]',
  options,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      msel: { type: 'string' },
      scenario: { type: 'string' },
      start: { type: 'string' },
      speed: { type: 'string' },
      paused: { type: 'boolean' },
      'exercise-id': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      open: { type: 'boolean' },
      json: { type: 'boolean' },
      ...syncFlags,
      ...dataDirFlag,
    });
    if (!values.msel) throw new UsageError('--msel <file.csv> is required');
    if (!values['data-dir']) throw new UsageError('--data-dir <path> is required: an exercise runs in a data folder of its own');
    const speed = values.speed === undefined ? 1 : Number(values.speed);
    if (!Number.isFinite(speed) || speed < 1 || speed > 60) throw new UsageError(`--speed must be a number from 1 to 60, got "${values.speed}"`);
    const start = values.start === undefined ? undefined : Date.parse(values.start);
    if (start !== undefined && (Number.isNaN(start) || !/(Z|[+-]\d{2}:?\d{2})$/.test(values.start!))) throw new UsageError(`--start must be an ISO 8601 time with its zone, such as 2007-06-08T15:00:00+10:00, got "${values.start}"`);
    const askedPort = values.port === undefined ? null : integerFlag('port', values.port, 0, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (!isLoopback(host) && !values['allow-remote']) throw new UsageError(`--host ${host} is reachable from other machines; add --allow-remote if that is what you want`);
    const staticDir = io.env.POLDER_RENDERER_DIR ?? repoPaths.renderer;
    if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`the renderer is not built (${staticDir} has no index.html): run \`npm run build:renderer\` first`);

    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const scenario = values.scenario ?? 'merewether-2007';
    const scenarioDir = resolveScenarioDir(scenario, repoPaths.resources);
    const sensors = seedsFromGaugeLayer((await scenarioLayers(scenarioDir)).gauges.features).map((s) => s.id);
    const text = readText(values.msel);
    const roster = (existsSync(dataDir) ? loadHeldRoster(dataDir) : null) ?? demoRoster();
    const msel = readMsel(values.msel, text, { departments: roster.departments, sensors, ...(start === undefined ? {} : { start }) });
    const exerciseId = values['exercise-id'] ?? createHash('sha256').update(`${msel.start}\n${text}`).digest('hex').slice(0, 12);
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(exerciseId)) throw new UsageError(`--exercise-id may only use letters, digits, '_' and '-' (1-40 characters), got "${exerciseId}"`);
    const sync = exerciseSync(syncConfigFrom(values, io.env), exerciseId);
    claimExerciseDataDir(dataDir, resolveDataDir(undefined, { ...io.env, POLDER_DATA_DIR: undefined }), exerciseId);

    const logger = stderrLogger();
    const clock = virtualClock({ source: systemClock(), start: msel.start, rate: speed, mode: 'exercise' });
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, scenario: scenarioDir, clock, logger, host: 'serve', runtime: nodeRuntime(), sync, exercise: { exerciseId, msel, clock } });
    if (!values.paused) clock.play();
    const link = loadServeLink(dataDir, logger);
    const server = await startServer({ app, staticDir, host, port: askedPort ?? link.port ?? 0, token: link.token, logger });
    if (server.port !== link.port) saveServeLink(dataDir, { ...link, port: server.port });
    io.out(values.json ? JSON.stringify({ url: server.url, port: server.port, dataDir, exerciseId }) : `Exercise ${exerciseId} (${msel.injects.length} injects, ${speed}×) is being served at ${server.url}`);
    if (!values.json) io.out('Press Ctrl+C to stop.');
    if (values.open) openInBrowser(server.url, logger);

    await io.stopRequested;
    await server.close();
    await app.close();
    return 0;
  },
};

function readMsel(path: string, text: string, context: MselContext): Msel {
  try {
    return parseMsel(text, context);
  } catch (err) {
    if (err instanceof MselError) throw new UsageError(`${path} has ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}; nothing was loaded:\n${err.message}`);
    throw err;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--msel ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}
