import type { desktopMethods } from '../api/desktop.ts';
import { PolderError } from '../api/errors.ts';
import type { Clock } from '../clock/clock.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { pdfFileName, pdfOptions } from './pdf-file.ts';
import type { DesktopShell } from './pdf-relay.ts';

/** What only the desktop app can do; `shell` is null in a browser (serve mode). */
export function createDesktopHandlers({ shell, clock }: { shell: DesktopShell | null; clock: Clock }): HandlersFor<keyof typeof desktopMethods> {
  return {
    'desktop.savePdf': async ({ job, label }, ctx) => {
      if (!shell) throw new PolderError('unavailable', 'Saving as PDF is a desktop app command; in a browser, print and choose "Save as PDF" as the printer');
      const path = await shell.savePdf(ctx.session.id, { fileName: pdfFileName(job, label, clock.now()), options: pdfOptions(job) });
      return { path };
    },
  };
}
