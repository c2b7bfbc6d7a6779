import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import { stderrLogger } from '../../native/logger.ts';
import { registerAppProtocol, registerAppScheme } from './app-protocol.ts';
import { installMenu } from './menu.ts';
import { hardenApp, hardenSession } from './security.ts';
import { startServices } from './services.ts';
import { createWindows } from './windows.ts';

registerAppScheme();

const logger = stderrLogger('polder-main');

// The main process owns windows, the app:// protocol, menus and one MessagePort per window; the
// services (store, scenarios, engine, terminals) run in their own utility process.
async function start() {
  await app.whenReady();
  const appPath = app.getAppPath();
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(appPath, 'resources');

  // Every web contents gets the guards as it is created; the page asking for its own index.html is "New window".
  let openWindow = () => {};
  hardenApp(app, () => openWindow());
  hardenSession(session.defaultSession);
  registerAppProtocol(session.defaultSession, join(appPath, 'out', 'renderer'));

  const services = startServices(
    { dataDir: process.env.POLDER_DATA_DIR ?? app.getPath('userData'), resourcesDir, cliScript: join(appPath, 'bin', 'polder.js') },
    logger,
    (message) => {
      dialog.showErrorBox('Polder cannot continue', message);
      app.exit(1);
    },
  );
  const windows = createWindows({ services, preload: join(import.meta.dirname, '../preload/index.cjs'), logger });
  openWindow = () => void windows.open();
  installMenu(openWindow);
  windows.open();

  app.on('window-all-closed', async () => {
    windows.stop();
    await services.quit();
    app.quit();
  });
}

start().catch((err: unknown) => {
  logger.error('Polder failed to start', err);
  app.exit(1);
});
