import { app, BrowserWindow, dialog, webContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfFromMain, PdfToMain } from '../../native/desktop/pdf-relay.ts';

/** Prints a window (its print view, shown by print media) to a PDF file the person picks. The
 * file name and options come from native/desktop/pdf-file.ts, where they are tested. */
export async function savePdf(message: PdfToMain): Promise<PdfFromMain> {
  const answer = (path: string | null, error: string | null): PdfFromMain => ({ type: 'pdf-saved', requestId: message.requestId, path, error });
  const contents = webContents.fromId(Number(message.windowId));
  const window = contents ? BrowserWindow.fromWebContents(contents) : null;
  if (!contents || !window) return answer(null, 'its window is closed');
  try {
    const chosen = await dialog.showSaveDialog(window, {
      title: 'Save as PDF',
      defaultPath: join(app.getPath('documents'), message.request.fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (chosen.canceled || !chosen.filePath) return answer(null, null);
    await writeFile(chosen.filePath, await contents.printToPDF(message.request.options));
    return answer(chosen.filePath, null);
  } catch (err) {
    return answer(null, err instanceof Error ? err.message : String(err));
  }
}
