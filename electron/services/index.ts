// The services utility process: createApp (SQLite, scenarios, the engine's worker thread and the
// frames it encodes) and the terminal's ptys run here, so the main process only keeps windows
// responsive. Every window reaches it through its own MessagePort.
import type { MessagePortMain } from 'electron';
import { createApp, nodeRuntime, type PolderApp } from '../../native/app.ts';
import { systemClock } from '../../native/clock/clock.ts';
import { stderrLogger } from '../../native/logger.ts';
import { createPdfRelay, type PdfRelay } from '../../native/desktop/pdf-relay.ts';
import { createPortHost, type PortHost, type RpcPort } from '../../native/rpc/port-host.ts';
import { capFeedConfigFrom } from '../../native/cli/cap-feed-flags.ts';
import { syncConfigFrom } from '../../native/cli/sync-flags.ts';
import { terminalConfig } from '../../native/terminal/config.ts';
import { servicesConfigEnv, type FromServices, type ServicesConfig, type ToServices } from './messages.ts';

const logger = stderrLogger('polder-services');

function electronRpcPort(port: MessagePortMain): RpcPort {
  return {
    listen(onMessage, onClose) {
      port.on('message', (event) => onMessage(event.data));
      port.once('close', onClose);
      port.start();
    },
    post: (frame) => port.postMessage(frame),
    close: () => port.close(),
  };
}

const parent = process.parentPort;
const post = (message: FromServices) => parent.postMessage(message);

/** The desktop app syncs through the brokers in POLDER_BROKERS (failover order) for POLDER_ORG. */
function desktopSync(env: NodeJS.ProcessEnv) {
  try {
    return syncConfigFrom({}, env);
  } catch (err) {
    logger.error(`not syncing: ${(err as Error).message}`);
    return undefined;
  }
}

/** CAP from the MQTT topic in POLDER_CAP_TOPIC, taken in as POLDER_CAP_AS, through the sync brokers. */
function desktopCapFeed(env: NodeJS.ProcessEnv, sync: ReturnType<typeof desktopSync>) {
  try {
    return capFeedConfigFrom({}, sync, env);
  } catch (err) {
    logger.error(`no CAP feed: ${(err as Error).message}`);
    return undefined;
  }
}

async function start(): Promise<{ app: PolderApp; windows: PortHost; pdfs: PdfRelay }> {
  const { [servicesConfigEnv]: raw, ...env } = process.env;
  // PDFs: main prints the window of the calling session; the port host knows which window that is.
  let windows: PortHost | null = null;
  const pdfs = createPdfRelay({ send: post, windowOf: (sessionId) => windows?.windowOf(sessionId) ?? null });
  const config = JSON.parse(raw ?? '{}') as ServicesConfig;
  const sync = desktopSync(env);
  const app = await createApp({
    dataDir: config.dataDir,
    resourcesDir: config.resourcesDir,
    clock: systemClock(),
    logger,
    host: 'electron',
    runtime: nodeRuntime(),
    // Electron's binary runs the CLI as Node.
    terminal: terminalConfig({ env, dataDir: config.dataDir, cli: { node: process.execPath, script: config.cliScript, runAsNode: true } }),
    desktop: pdfs.shell,
    sync,
    brokers: sync?.brokers,
    capFeed: desktopCapFeed(env, sync),
  });
  windows = createPortHost(app);
  return { app, windows, pdfs };
}
const started = start();
started.catch((err: unknown) => {
  logger.error('the services failed to start', err);
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
});

// Windows may connect before createApp has finished: each waits for it, in order.
parent.on('message', (event) => {
  const message = event.data as ToServices;
  const port = event.ports[0];
  void started.then(
    async ({ app, windows, pdfs }) => {
      if (message.type === 'connect' && port) windows.connect(message.windowId, electronRpcPort(port));
      else if (message.type === 'disconnect') windows.disconnect(message.windowId);
      else if (message.type === 'pdf-saved') pdfs.settle(message);
      else if (message.type === 'quit') {
        pdfs.closeAll('Polder is quitting');
        windows.close();
        await app.close();
        process.exit(0);
      }
    },
    () => {
      if (message.type === 'quit') process.exit(1);
    },
  );
});
