import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, nodeRuntime, type PolderApp } from '../../app.ts';
import { systemClock } from '../../clock/clock.ts';
import { virtualClock } from '../../clock/virtual-clock.ts';
import { joinExerciseClock, publishExerciseClock } from '../../exercise/clock-link.ts';
import { claimExerciseDataDir, exerciseSync } from '../../exercise/isolation.ts';
import { MselError, parseMsel, type Msel, type MselContext } from '../../exercise/msel.ts';
import { exerciseRecordingPath, prepareExerciseRecording } from '../../exercise/recording-folder.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import { stderrLogger, type Logger } from '../../logger.ts';
import { repoPaths } from '../../paths.ts';
import type { Recording } from '../../record/format.ts';
import { verifyRecording } from '../../record/verify.ts';
import { isLoopback } from '../../serve/auth.ts';
import { seedsFromGaugeLayer } from '../../sensors/registry.ts';
import { resolveScenarioDir, scenarioLayers } from '../../../simulation/scenario/summary.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { builtRendererDir, serveUntilStopped } from '../served-app.ts';
import { syncConfigFrom, syncFlags } from '../sync-flags.ts';
import { packDir, readRecording } from './record.ts';

const options = `Options:
  --msel <file.csv>       the MSEL: HSEEP columns (README "Exercises"); every bad cell is listed and
                          nothing starts (required, except with --join)
  --data-dir <path>       the exercise's own data folder (required): never the live one, nor a folder
                          holding a live store; a restart on it resumes the exercise
  --scenario <dir|name>   the scenario pack (default merewether-2007)
  --recording <file>      run the exercise from a recording instead of a bare scenario: it must verify
                          (polder record verify); its roster and scenario pack are used, the clock
                          starts at its window's start, its sensor readings arrive on the exercise
                          clock, its recorded decisions do not (trainees make them); the file is
                          copied to <data-dir>/recording.json for the after-action report
  --start <ISO time>      STARTEX, scenario time zero (default: the MSEL's earliest ISO time; with
                          --recording, the recording's window start)
  --speed <x>             scenario seconds per real second, 1 to 60 (default 1)
  --paused                start with the clock paused (the controller view plays it)
  --exercise-id <id>      names the exercise's sync topics, <org>.exercise-<id> (default: from the
                          MSEL's content and start, and the recording's)
  --join <exercise-id>    a trainee workstation on a running exercise: no MSEL, it delivers nothing;
                          it syncs under the exercise's topics and its clock follows the controller's
                          node (needs --broker and the controller's --org)
  --wait <seconds>        with --join: how long to wait for the controller's clock (default 30)
  --port <n>              serve on this port (default: the last one used on this data folder, else any)
  --host <address>        listen here (default 127.0.0.1); another address needs --allow-remote
  --allow-remote          allow a --host other machines can reach (trainees on their own machines)
  --open                  open the app in the default browser
  --json                  print {url, port, dataDir, exerciseId} as one JSON line
  --broker <url>, --org, --broker-ca, --broker-cert, --broker-key
                          sync with other exercise nodes on these brokers, under the exercise's own
                          topics (polder/v1/<org>.exercise-<id>/…); live topics are never used. The
                          controller's node publishes its clock there for joined nodes.

Injects go into the controller's app only (the one given --msel): alerts into its queue (source
"exercise"), messages into its activity log, sensor anomalies into its own sensor service; it
subscribes to no live sensor topic and takes no CAP feed. Exported CAP says status Exercise.`;

const flags = {
  msel: { type: 'string' },
  scenario: { type: 'string' },
  recording: { type: 'string' },
  start: { type: 'string' },
  speed: { type: 'string' },
  paused: { type: 'boolean' },
  'exercise-id': { type: 'string' },
  join: { type: 'string' },
  wait: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  open: { type: 'boolean' },
  json: { type: 'boolean' },
  ...syncFlags,
  ...dataDirFlag,
} as const;
type Values = ReturnType<typeof parseFlags<typeof flags>>['values'];

export const exerciseCommand: Command = {
  name: 'exercise',
  summary: 'run an exercise: serve the app on a virtual clock that delivers an MSEL\'s injects',
  usage: [
    'polder exercise --msel <file.csv> --data-dir <path> [--scenario <dir|name> | --recording <file>] [--start <ISO time>] [--speed <x>] [--paused] [--exercise-id <id>] [--port N] [--host 127.0.0.1] [--allow-remote] [--open] [--json] [--broker <url>]... [--org <name>]',
    'polder exercise --join <exercise-id> --data-dir <path> --broker <url> [--org <name>] [--wait <seconds>] [--scenario <dir|name>] [--port N] [--host …] [--allow-remote] [--open] [--json]',
  ].join('\n'),
  options,
  async run(argv, io) {
    const { values } = parseFlags(argv, flags);
    if (!values['data-dir']) throw new UsageError('--data-dir <path> is required: an exercise runs in a data folder of its own');
    const serve = serveOptions(values, io);
    return values.join === undefined ? runController(values, io, serve) : runJoined(values.join, values, io, serve);
  },
};

interface ServeOptions {
  host: string;
  askedPort: number | null;
  staticDir: string;
  liveDefault: string;
}

function serveOptions(values: Values, io: CliIo): ServeOptions {
  const askedPort = values.port === undefined ? null : integerFlag('port', values.port, 0, 0, 65535);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopback(host) && !values['allow-remote']) throw new UsageError(`--host ${host} is reachable from other machines; add --allow-remote if that is what you want`);
  return { host, askedPort, staticDir: builtRendererDir(io.env), liveDefault: resolveDataDir(undefined, { ...io.env, POLDER_DATA_DIR: undefined }) };
}

async function runController(values: Values, io: CliIo, serve: ServeOptions): Promise<number> {
  if (!values.msel) throw new UsageError('--msel <file.csv> is required (or --join <exercise-id> on a trainee workstation)');
  if (values.recording !== undefined && values.scenario !== undefined) throw new UsageError('--recording names its own scenario pack: give --recording or --scenario, not both');
  if (values.wait !== undefined) throw new UsageError('--wait goes with --join');
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 1 || speed > 60) throw new UsageError(`--speed must be a number from 1 to 60, got "${values.speed}"`);
  const askedStart = values.start === undefined ? undefined : Date.parse(values.start);
  if (askedStart !== undefined && (Number.isNaN(askedStart) || !/(Z|[+-]\d{2}:?\d{2})$/.test(values.start!))) throw new UsageError(`--start must be an ISO 8601 time with its zone, such as 2007-06-08T15:00:00+10:00, got "${values.start}"`);

  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const recorded = values.recording === undefined ? null : verifiedRecording(values.recording);
  const start = askedStart ?? recorded?.recording.window.from;
  if (recorded && start !== undefined && (start < recorded.recording.window.from || start >= recorded.recording.window.to)) {
    const { from, to } = recorded.recording.window;
    throw new UsageError(`--start must lie within the recording, ${new Date(from).toISOString()} to ${new Date(to).toISOString()}; got "${values.start}"`);
  }
  const scenarioDir = resolveScenarioDir(recorded?.recording.packs[0]?.name ?? values.scenario ?? 'merewether-2007', repoPaths.resources);
  const sensors = seedsFromGaugeLayer((await scenarioLayers(scenarioDir)).gauges.features).map((s) => s.id);
  const text = readText(values.msel);
  const roster = recorded?.recording.roster ?? (existsSync(dataDir) ? loadHeldRoster(dataDir) : null) ?? demoRoster();
  const msel = readMsel(values.msel, text, { departments: roster.departments, sensors, ...(start === undefined ? {} : { start }) });
  const exerciseId = checkExerciseId(values['exercise-id'] ?? createHash('sha256').update(`${msel.start}\n${text}\n${recorded?.sha256 ?? ''}`).digest('hex').slice(0, 12));
  const sync = exerciseSync(syncConfigFrom(values, io.env), exerciseId);
  claimExerciseDataDir(dataDir, serve.liveDefault, exerciseId);
  if (recorded) prepareExerciseRecording(dataDir, recorded.file, recorded.recording);

  const logger = stderrLogger();
  const source = systemClock();
  const clock = virtualClock({ source, start: msel.start, rate: speed, mode: 'exercise' });
  const app = await createApp({
    dataDir, resourcesDir: repoPaths.resources, scenario: scenarioDir, clock, logger, host: 'serve', runtime: nodeRuntime(), sync,
    exercise: { exerciseId, msel, clock, ...(recorded ? { recording: recorded.recording } : {}) },
  });
  const clockLink = sync ? publishExerciseClock({ sync, exerciseId, source, clock, logger }) : null;
  if (!values.paused) clock.play();
  const from = recorded ? ` from ${values.recording} (its decisions at ${exerciseRecordingPath(dataDir)})` : '';
  return serveExercise(app, { dataDir, exerciseId, values, io, serve, logger, what: `Exercise ${exerciseId}${from} (${msel.injects.length} injects, ${speed}×)`, close: () => clockLink?.close() });
}

async function runJoined(exerciseId: string, values: Values, io: CliIo, serve: ServeOptions): Promise<number> {
  for (const flag of ['msel', 'recording', 'start', 'speed', 'paused', 'exercise-id'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--join takes no --${flag}: the controller's node runs the MSEL and the clock`);
  }
  checkExerciseId(exerciseId);
  const sync = exerciseSync(syncConfigFrom(values, io.env), exerciseId);
  if (!sync) throw new UsageError('--join needs --broker (or POLDER_BROKERS): a joined node syncs the exercise and follows its clock through the broker');
  const wait = integerFlag('wait', values.wait, 30, 1, 600);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const scenarioDir = resolveScenarioDir(values.scenario ?? 'merewether-2007', repoPaths.resources);
  claimExerciseDataDir(dataDir, serve.liveDefault, exerciseId);

  const logger = stderrLogger();
  const joined = await joinExerciseClock({ sync, exerciseId, source: systemClock(), logger, timeoutMs: wait * 1000 });
  let app: PolderApp;
  try {
    app = await createApp({ dataDir, resourcesDir: repoPaths.resources, scenario: scenarioDir, clock: joined.clock, logger, host: 'serve', runtime: nodeRuntime(), sync });
  } catch (err) {
    await joined.close();
    throw err;
  }
  return serveExercise(app, { dataDir, exerciseId, values, io, serve, logger, what: `Joined exercise ${exerciseId} at ${new Date(joined.clock.now()).toISOString()} (the controller's node delivers the injects)`, close: joined.close });
}

function serveExercise(
  app: PolderApp,
  o: { dataDir: string; exerciseId: string; values: Values; io: CliIo; serve: ServeOptions; logger: Logger; what: string; close: () => Promise<void> | undefined },
): Promise<number> {
  const { dataDir, exerciseId, values, serve } = o;
  return serveUntilStopped(app, {
    dataDir,
    staticDir: serve.staticDir,
    host: serve.host,
    askedPort: serve.askedPort,
    logger: o.logger,
    io: o.io,
    json: Boolean(values.json),
    open: Boolean(values.open),
    fields: { dataDir, exerciseId },
    line: (url) => `${o.what} is being served at ${url}`,
    close: o.close,
  });
}

function checkExerciseId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw new UsageError(`--exercise-id may only use letters, digits, '_' and '-' (1-40 characters), got "${id}"`);
  return id;
}

/** The recording file, parsed and verified (hash chains, signatures, the scenario pack it names by content hash). */
function verifiedRecording(file: string): { file: string; recording: Recording; sha256: string } {
  const path = resolve(file);
  const { parsed, sha256 } = readRecording(path);
  const problems = parsed.ok ? verifyRecording(parsed.recording, packDir) : [parsed.problem];
  if (!parsed.ok || problems.length > 0) throw new Error(`${file} does not verify, no exercise was started:\n${problems.join('\n')}`);
  return { file: path, recording: parsed.recording, sha256 };
}

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
