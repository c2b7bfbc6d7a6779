import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { aarMethods } from '../api/aar.ts';
import type { Directory } from '../ops/directory.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { renderReportFragment } from './render-html.ts';
import { buildReport } from './report.ts';
import { readRecordingFile } from './files.ts';
import { rowsFromRecording, rowsFromStore, storeSpan } from './read-store.ts';
import { toSource, type AarSource } from './source.ts';

/**
 * The after-action report of this node's log, for the app's print view and its PDFs; beside the
 * recording an exercise was run from (`historicalFile`), when the folder holds one.
 */
export function createAarHandlers({ db, directory, title, historicalFile }: { db: Database; directory: Directory; title: string; historicalFile?: string }): HandlersFor<keyof typeof aarMethods> {
  const people = { people: directory.actors, departments: directory.departments };
  let historical: AarSource | undefined;
  const readHistorical = () => {
    if (historical === undefined && historicalFile !== undefined && existsSync(historicalFile)) historical = toSource(rowsFromRecording(readRecordingFile(historicalFile)));
    return historical;
  };
  return {
    'aar.report'(args) {
      const span = storeSpan(db) ?? { from: 0, to: 1 };
      const window = { from: args.from ?? span.from, to: args.to ?? Math.max(span.to, (args.from ?? span.from) + 1) };
      const recorded = readHistorical();
      const report = buildReport(toSource(rowsFromStore(db, window, people)), { title, ...(recorded ? { historical: recorded } : {}) });
      return { title, window, html: renderReportFragment(report) };
    },
  };
}
