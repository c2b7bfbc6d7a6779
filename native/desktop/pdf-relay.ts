import { PolderError } from '../api/errors.ts';
import type { PdfRequest } from './pdf-file.ts';

/** What the desktop shell (Electron main, which owns the windows) does for the services. */
export interface DesktopShell {
  /** Prints the session's window to a PDF file the person chooses: its path, or null if they cancelled. */
  savePdf(sessionId: string, request: PdfRequest): Promise<string | null>;
}

/** Services → main: print window `windowId` to PDF. */
export interface PdfToMain {
  type: 'save-pdf';
  requestId: number;
  windowId: string;
  request: PdfRequest;
}

/** Main → services: how request `requestId` ended. */
export interface PdfFromMain {
  type: 'pdf-saved';
  requestId: number;
  /** Null when cancelled or failed. */
  path: string | null;
  /** Why it failed, in words a person reads; null when saved or cancelled. */
  error: string | null;
}

/**
 * The services process's end of PDF saving: a request goes to the main process with the window
 * of the calling session, and its answer settles the call. A save dialog waits for the person,
 * so nothing times out; a main process that goes away fails what is waiting (`closeAll`).
 */
export function createPdfRelay({ send, windowOf }: { send(message: PdfToMain): void; windowOf(sessionId: string): string | null }) {
  const waiting = new Map<number, { resolve(path: string | null): void; reject(error: Error): void }>();
  let nextId = 1;
  const shell: DesktopShell = {
    savePdf(sessionId, request) {
      const windowId = windowOf(sessionId);
      if (windowId === null) return Promise.reject(new PolderError('unavailable', 'This session has no desktop window to print'));
      const requestId = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(requestId, { resolve, reject });
        send({ type: 'save-pdf', requestId, windowId, request });
      });
    },
  };
  return {
    shell,
    settle(reply: PdfFromMain): void {
      const call = waiting.get(reply.requestId);
      if (!call) return;
      waiting.delete(reply.requestId);
      if (reply.error !== null) call.reject(new PolderError('unavailable', `The PDF was not saved: ${reply.error}`));
      else call.resolve(reply.path);
    },
    closeAll(reason: string): void {
      for (const call of waiting.values()) call.reject(new PolderError('unavailable', reason));
      waiting.clear();
    },
    /** How many saves are waiting for an answer. */
    size: () => waiting.size,
  };
}

export type PdfRelay = ReturnType<typeof createPdfRelay>;
