import type { PrintJob } from '../api/desktop.ts';

/** The subset of Electron's `webContents.printToPDF` options Polder sets (same names and units:
 * margins in inches). Kept here so the choice is tested in plain Node. */
export interface PdfOptions {
  landscape: boolean;
  pageSize: 'A4';
  printBackground: boolean;
  /** Use the print view's own `@page` size and margins when it declares them. */
  preferCSSPageSize: boolean;
  margins: { top: number; bottom: number; left: number; right: number };
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  generateDocumentOutline: boolean;
}

/** What a PDF request carries from the services process to the window's owner (Electron main). */
export interface PdfRequest {
  fileName: string;
  options: PdfOptions;
}

const kindName: Record<PrintJob['kind'], string> = { board: 'board', alert: 'alert', ics214: 'ics214', ics204: 'ics204', aar: 'after-action-report' };

/** Letters and digits of `text`, lower case, joined by hyphens, at most 48 characters. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** "polder-board-fire-2026-12-06T0921Z.pdf": what, about what, and when (UTC, so two machines in
 * different zones name the same moment alike). Safe on every file system. */
export function pdfFileName(job: PrintJob, label: string, at: number): string {
  const about = slug(label) || (job.kind === 'alert' ? slug(job.alertId) : 'all-departments');
  const stamp = new Date(at).toISOString().slice(0, 16).replace(':', '') + 'Z';
  return `polder-${kindName[job.kind]}-${about}-${stamp}.pdf`;
}

// Chromium fills .pageNumber and .totalPages; the templates need their own font size (default 0).
const pageFooter = '<div style="font-size:8pt;width:100%;text-align:center;color:#444">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** A wide board reads best across the page; forms (an alert, ICS 204, ICS 214) are portrait, as on paper.
 * Every page is numbered, as the ICS forms ask ("Page __ of __"). */
export function pdfOptions(job: PrintJob): PdfOptions {
  return {
    landscape: job.kind === 'board',
    pageSize: 'A4',
    printBackground: false,
    preferCSSPageSize: false,
    margins: { top: 0.5, bottom: 0.6, left: 0.5, right: 0.5 },
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: pageFooter,
    generateDocumentOutline: true,
  };
}
