import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { createApp, nodeRuntime } from '../../native/app.ts';
import { systemClock } from '../../native/clock/clock.ts';
import { stderrLogger } from '../../native/logger.ts';
import { registerAppProtocol, registerAppScheme } from './app-protocol.ts';
import { utilityProcessHost } from './engine-host.ts';
import { appOrigin } from './origin.ts';
import { registerIpc } from './ipc.ts';
import { hardenApp, hardenSession } from './security.ts';

registerAppScheme();

const logger = stderrLogger('polder-main');

async function start() {
  await app.whenReady();
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const rendererDir = join(app.getAppPath(), 'out', 'renderer');

  hardenApp(app);
  hardenSession(session.defaultSession);
  registerAppProtocol(session.defaultSession, rendererDir);

  const polder = await createApp({
    dataDir: process.env.POLDER_DATA_DIR ?? app.getPath('userData'),
    resourcesDir,
    clock: systemClock(),
    logger,
    host: 'electron',
    runtime: nodeRuntime(),
    simulationHost: () => utilityProcessHost(resourcesDir),
  });

  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    title: 'Polder',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  const stopIpc = registerIpc(window.webContents, polder, logger);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html`);

  app.on('window-all-closed', async () => {
    stopIpc();
    await polder.close();
    app.quit();
  });
}

start().catch((err: unknown) => {
  logger.error('Polder failed to start', err);
  app.exit(1);
});
