// What the main process and the services utility process say to each other. Nothing but
// window plumbing (and what only main can do for a window, such as printing it to PDF) crosses
// here: the contract itself runs over each window's own MessagePort.
import type { PdfFromMain, PdfToMain } from '../../native/desktop/pdf-relay.ts';

/** How the services process starts: passed once in its environment as JSON (POLDER_SERVICES). */
export interface ServicesConfig {
  dataDir: string;
  resourcesDir: string;
  /** The `polder` CLI's entry script, for the terminal's `polder` launcher. */
  cliScript: string;
}

export const servicesConfigEnv = 'POLDER_SERVICES';

export type ToServices =
  /** A window's port (transferred with the message): the services serve it as one session. */
  | { type: 'connect'; windowId: string }
  /** The window closed: its session and its terminals end. */
  | { type: 'disconnect'; windowId: string }
  /** The app quits: close every session, then the store, then exit. */
  | { type: 'quit' }
  /** A window's PDF was saved, cancelled or failed. */
  | PdfFromMain;

/** The services could not start (the store would not open, …): no window can work. */
export type FromServices =
  | { type: 'failed'; message: string }
  /** Print a window to a PDF file the person chooses (main owns the windows and the dialogs). */
  | PdfToMain;
