import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import type { Session } from '../../native/rpc/handlers.ts';
import type { PolderApp } from '../../native/app.ts';
import type { Logger } from '../../native/logger.ts';
import { ipcChannels } from '../preload/channels.ts';
import { isTrustedSender } from './security.ts';

/** Answers `polder:invoke` through the shared dispatcher and forwards pushes to the window. */
export function registerIpc(contents: WebContents, polder: PolderApp, logger: Logger): () => void {
  const session: Session = { id: randomUUID(), actorId: null };
  ipcMain.handle(ipcChannels.invoke, async (event: IpcMainInvokeEvent, method: unknown, args: unknown) => {
    if (event.sender !== contents || !isTrustedSender(event.senderFrame)) {
      logger.warn(`refused IPC from an untrusted frame: ${event.senderFrame?.url ?? '(gone)'}`);
      return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
    }
    return polder.dispatch(method, args, { session });
  });
  const stopPushes = polder.pushes.listen((event, payload) => {
    if (!contents.isDestroyed() && polder.mayReceive(session, event)) contents.send(ipcChannels.push, event, payload);
  });
  return () => {
    stopPushes();
    ipcMain.removeHandler(ipcChannels.invoke);
  };
}
