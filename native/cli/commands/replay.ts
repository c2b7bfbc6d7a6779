import { resolve } from 'node:path';
import { createApp, nodeRuntime } from '../../app.ts';
import { maxReplayRate } from '../../api/replay.ts';
import { systemClock } from '../../clock/clock.ts';
import { virtualClock } from '../../clock/virtual-clock.ts';
import { stderrLogger } from '../../logger.ts';
import { repoPaths } from '../../paths.ts';
import { prepareReplayFolder } from '../../replay/replay-folder.ts';
import { isLoopback } from '../../serve/auth.ts';
import { verifyRecording } from '../../record/verify.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { builtRendererDir, serveUntilStopped } from '../served-app.ts';
import { packDir, readRecording } from './record.ts';

const usage = [
  `polder replay <recording> --data-dir <new empty folder> [--speed 1..${maxReplayRate}] [--at <ISO time>] [--paused] [--port N] [--host 127.0.0.1] [--open] [--json]`,
  '  --data-dir  the replay\'s own folder: new or empty (the recording is imported), or one an earlier replay of this file made',
  '  --speed     replay seconds per real second (default 1); --at where to start (default the window\'s start); --paused: do not play yet',
  '  --port, --host, --open, --json: as for polder serve (a loopback host only)',
  '  --broker is refused and POLDER_BROKERS ignored: a replay never connects to a broker',
].join('\n');

/**
 * Replays a recording in serve mode: verifies it, imports it into its own data folder (or reuses
 * the folder an earlier replay of the same file made), and serves the app on a virtual clock in
 * replay mode. Read only, and never linked to a broker: --broker is refused, POLDER_BROKERS ignored.
 */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a recording in its own data folder and serve it to a browser (read only, no broker)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { speed: { type: 'string' }, at: { type: 'string' }, paused: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' }, json: { type: 'boolean' }, broker: { type: 'string', multiple: true }, ...dataDirFlag },
      true,
    );
    if (values.broker) throw new UsageError('--broker: a replay never connects to a broker (it runs apart from every live node and topic)');
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0) throw new UsageError('polder replay takes one recording file');
    if (values['data-dir'] === undefined) throw new UsageError('replay needs --data-dir <new empty folder>: a replay never runs in the live data folder');
    const speed = integerFlag('speed', values.speed, 1, 1, maxReplayRate);
    const askedPort = values.port === undefined ? null : integerFlag('port', values.port, 0, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (!isLoopback(host)) throw new UsageError(`a replay is served on this machine only (a loopback --host), not ${host}`);
    const staticDir = builtRendererDir(io.env);
    if (io.env.POLDER_BROKERS) io.err('warning: POLDER_BROKERS is ignored: a replay never connects to a broker');

    const { parsed, sha256 } = readRecording(resolve(file));
    const problems = parsed.ok ? verifyRecording(parsed.recording, packDir) : [parsed.problem];
    if (!parsed.ok || problems.length > 0) {
      problems.forEach((p) => io.err(p));
      io.err(`${file} does not verify: it is not replayed`);
      return 1;
    }
    const recording = parsed.recording;
    const { from, to } = recording.window;
    const at = values.at === undefined ? from : Date.parse(values.at);
    if (Number.isNaN(at) || at < from || at > to) {
      throw new UsageError(`--at must be an ISO time within the recording, ${new Date(from).toISOString()} to ${new Date(to).toISOString()}; got "${values.at}"`);
    }
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const logger = stderrLogger();
    const folder = prepareReplayFolder(dataDir, recording, sha256, logger);
    const clock = virtualClock({ source: systemClock(), start: at, rate: speed, mode: 'replay', playing: !values.paused });
    // The scenario pack the recording names (verified above), else the bundled default.
    const scenario = recording.packs[0]?.name;
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, clock, logger, host: 'serve', runtime: nodeRuntime(), replay: { recording, clock }, ...(scenario ? { scenario } : {}) });
    const window = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
    return serveUntilStopped(app, {
      dataDir,
      staticDir,
      host,
      askedPort,
      logger,
      io,
      json: Boolean(values.json),
      open: Boolean(values.open),
      fields: { dataDir, folder, from, to },
      line: (url) => `Replaying ${window} (${folder === 'imported' ? 'imported into' : 'again from'} ${dataDir}) at ${url}`,
    });
  },
};
