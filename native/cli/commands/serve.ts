import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, nodeRuntime } from '../../app.ts';
import { systemClock } from '../../clock/clock.ts';
import { stderrLogger } from '../../logger.ts';
import { repoPaths } from '../../paths.ts';
import { newLaunchToken, isLoopback } from '../../serve/auth.ts';
import { startServer } from '../../serve/server.ts';
import { terminalConfig } from '../../terminal/config.ts';
import { openInBrowser } from '../open-browser.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (serve mode)',
  usage: 'polder serve [--port N] [--host 127.0.0.1] [--allow-remote] [--terminal] [--open] [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      terminal: { type: 'boolean' },
      open: { type: 'boolean' },
      json: { type: 'boolean' },
      ...dataDirFlag,
    });
    const port = integerFlag('port', values.port, 0, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (values.terminal && !isLoopback(host)) {
      throw new UsageError(`--terminal gives whoever opens the page a shell on this machine: it is offered only on a loopback --host (127.0.0.1, ::1, localhost), not ${host}, even with --allow-remote`);
    }
    if (!isLoopback(host) && !values['allow-remote']) {
      throw new UsageError(`--host ${host} is reachable from other machines; add --allow-remote if that is what you want`);
    }
    // POLDER_RENDERER_DIR serves another build of the renderer (the security tests serve a folder of their own).
    const staticDir = io.env.POLDER_RENDERER_DIR ?? repoPaths.renderer;
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new Error(`the renderer is not built (${staticDir} has no index.html): run \`npm run build:renderer\` first`);
    }
    const logger = stderrLogger();
    if (!isLoopback(host)) logger.warn(`serving on ${host}: anyone who can reach this address and has the token can use the app`);

    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const terminal = values.terminal ? terminalConfig({ env: io.env, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }) : undefined;
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, clock: systemClock(), logger, host: 'serve', runtime: nodeRuntime(), terminal });
    const server = await startServer({ app, staticDir, host, port, token: newLaunchToken(), logger });
    io.out(values.json ? JSON.stringify({ url: server.url, port: server.port, dataDir }) : `Polder is being served at ${server.url}`);
    if (!values.json) io.out('Press Ctrl+C to stop.');
    if (values.open) openInBrowser(server.url, logger);

    await io.stopRequested;
    await server.close();
    await app.close();
    return 0;
  },
};
