import { z } from 'zod';
import type { MethodSpecs } from './spec.ts';

/** A paper view the renderer can show for print media: a department's board (null: all), an
 * alert, the ICS 214 activity log, the ICS 204 assignment list or the after-action report. */
export const PrintJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board'), department: z.string().max(64).nullable() }),
  z.object({ kind: z.literal('alert'), alertId: z.string().max(64) }),
  /** One person's log when `actorId` is given, else the department's (null: everyone's). */
  z.object({ kind: z.literal('ics214'), department: z.string().max(64).nullable(), actorId: z.string().max(200).optional() }),
  z.object({ kind: z.literal('ics204'), department: z.string().max(64).nullable() }),
  /** The after-action report of the whole operations log. */
  z.object({ kind: z.literal('aar') }),
]);
export type PrintJob = z.infer<typeof PrintJob>;

export const SavedPdf = z.object({
  /** Where the PDF was written; null when the person cancelled the save dialog. */
  path: z.string().nullable(),
});
export type SavedPdf = z.infer<typeof SavedPdf>;

export const desktopMethods = {
  /** The desktop app prints the calling window's print view (already shown for `job`) to a PDF
   * file the person chooses; a browser answers `unavailable` (its own Print saves PDFs). */
  'desktop.savePdf': {
    access: 'signedIn',
    args: z
      .object({
        job: PrintJob,
        /** What the paper is about, for the file name: a department, an alert's title. */
        label: z.string().max(200).default(''),
      })
      .strict(),
    result: SavedPdf,
  },
} satisfies MethodSpecs;
