import type { ReportCounts, ReportGroup } from '../../../native/api/reports.ts';
import type { Read } from './in-flight.ts';
import { createValueStore, type Schedule } from './value-store.ts';

export interface ReportsView {
  /** Groups of citizen and field reports, newest first; null until the first answer. */
  groups: ReportGroup[] | null;
  counts: ReportCounts | null;
  /** Whether this user may confirm and dismiss them (native decides). */
  mayReview: boolean;
  error: string | null;
}

/**
 * The window's citizen reports, queried in full at start and again on each `reports.changed`
 * (groups are few: a street each, not one per report), the newest query winning.
 */
export function createReportStore(read: Read, schedule: Schedule) {
  const store = createValueStore<ReportsView>({ groups: null, counts: null, mayReview: false, error: null }, schedule);
  let generation = 0;
  async function reload() {
    const mine = ++generation;
    try {
      const { groups, counts, mayReview } = await read('reports.groups', {});
      if (mine === generation) store.set({ groups, counts, mayReview, error: null });
    } catch (err) {
      if (mine === generation) store.set({ ...store.get(), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { store, reload, changed: () => void reload() };
}
