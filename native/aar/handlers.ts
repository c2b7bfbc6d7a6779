import type { Database } from 'better-sqlite3';
import type { aarMethods } from '../api/aar.ts';
import type { Directory } from '../ops/directory.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { rowsFromStore, storeSpan } from './read-store.ts';
import { renderReportFragment } from './render-html.ts';
import { buildReport } from './report.ts';
import { toSource } from './source.ts';

/** The after-action report of this node's log, for the app's print view and its PDFs. */
export function createAarHandlers({ db, directory, title }: { db: Database; directory: Directory; title: string }): HandlersFor<keyof typeof aarMethods> {
  const people = { people: directory.actors, departments: directory.departments };
  return {
    'aar.report'(args) {
      const span = storeSpan(db) ?? { from: 0, to: 1 };
      const window = { from: args.from ?? span.from, to: args.to ?? Math.max(span.to, (args.from ?? span.from) + 1) };
      const report = buildReport(toSource(rowsFromStore(db, window, people)), { title });
      return { title, window, html: renderReportFragment(report) };
    },
  };
}
