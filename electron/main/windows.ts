import { app, BrowserWindow, ipcMain, MessageChannelMain, type IpcMainEvent } from 'electron';
import type { Logger } from '../../native/logger.ts';
import { ipcChannels } from '../preload/channels.ts';
import { isTrustedSender } from './security.ts';
import type { ServicesProcess } from './services.ts';
import { freeWindowKey, windowUrl } from './window-keys.ts';

/**
 * The app's windows. Each gets a layout key (in its URL) and, whenever its preload asks, a fresh
 * MessagePort whose other end goes to the services process: one window, one port, one session.
 */
export function createWindows({ services, preload, logger }: { services: ServicesProcess; preload: string; logger: Logger }) {
  const keys = new Map<number, number>();

  const open = (): BrowserWindow => {
    const key = freeWindowKey(keys.values());
    const window = new BrowserWindow({
      width: 1600,
      height: 1000,
      minWidth: 1024,
      minHeight: 700,
      title: 'Polder',
      show: false,
      webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: !app.isPackaged },
    });
    const contentsId = window.webContents.id;
    keys.set(contentsId, key);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      keys.delete(contentsId);
      services.disconnect(String(contentsId));
    });
    window.loadURL(windowUrl(key)).catch((err: unknown) => logger.error(`window ${key} failed to load`, err));
    return window;
  };

  const onPortRequest = (event: IpcMainEvent) => {
    if (!keys.has(event.sender.id) || !isTrustedSender(event.senderFrame)) {
      logger.warn(`refused a port to an untrusted frame: ${event.senderFrame?.url ?? '(gone)'}`);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    services.connect(String(event.sender.id), port2);
    event.sender.postMessage(ipcChannels.port, null, [port1]);
  };
  ipcMain.on(ipcChannels.portRequest, onPortRequest);

  return {
    open,
    stop: () => ipcMain.off(ipcChannels.portRequest, onPortRequest),
  };
}
