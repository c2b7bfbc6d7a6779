import type { Invoke } from '../../../native/api/index.ts';
import type { TimelineEntry } from '../../../native/api/ops.ts';

/** The filters of timeline.query a panel can apply to the entries a push brings (all exact but text). */
export type TimelineFilter = Pick<Invoke['timeline.query'][0], 'department' | 'actorId' | 'entityId' | 'kind' | 'text'>;

/** SQLite's LIKE folds ASCII letters only; fold the same so a pushed entry matches as the query would. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Whether timeline.query with `filter` would list `entry`. */
export function timelineMatches(entry: TimelineEntry, filter: TimelineFilter): boolean {
  if (filter.department !== undefined && entry.department !== filter.department) return false;
  if (filter.actorId !== undefined && entry.actorId !== filter.actorId) return false;
  if (filter.entityId !== undefined && entry.entityId !== filter.entityId) return false;
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.text) {
    const text = foldAscii(filter.text);
    return foldAscii(entry.summary).includes(text) || (entry.text !== null && foldAscii(entry.text).includes(text));
  }
  return true;
}

/**
 * `entries` (newest first) with `fresh` ones (as pushed, oldest first) put in by time, each at most
 * once, keeping the newest `limit`. The log is append-only, so nothing already listed changes.
 */
export function mergeEntries(entries: readonly TimelineEntry[], fresh: readonly TimelineEntry[], limit: number): TimelineEntry[] {
  const known = new Set(entries.map((e) => e.id));
  const next = [...entries];
  for (const entry of fresh) {
    if (known.has(entry.id)) continue;
    known.add(entry.id);
    let i = 0;
    while (i < next.length && next[i]!.at > entry.at) i++;
    next.splice(i, 0, entry);
  }
  return next.length > limit ? next.slice(0, limit) : next;
}

export interface TimelineFeedDeps {
  /** timeline.query for the newest `limit` entries. */
  query(limit: number): Promise<TimelineEntry[]>;
  show(entries: TimelineEntry[]): void;
  fail(message: string): void;
}

/**
 * The newest entries of the activity log for one window: queried once (and on reconnection), then
 * grown from the entries each timeline.appended push carries, without asking the host again.
 * Panels with their own filters listen to `onAppended` and take the entries they match.
 */
export function createTimelineFeed(deps: TimelineFeedDeps, limit: number) {
  let entries: TimelineEntry[] | null = null;
  let loading = false;
  let stopped = false;
  let early: TimelineEntry[] = [];
  const listeners = new Set<(entries: readonly TimelineEntry[]) => void>();

  function reload() {
    if (stopped) return;
    loading = true;
    early = [];
    deps.query(limit).then(
      (list) => {
        if (stopped) return;
        loading = false;
        // Entries pushed while the query ran may or may not be in its answer: merging skips those that are.
        entries = mergeEntries(list, early.splice(0), limit);
        deps.show(entries);
      },
      (err: Error) => {
        loading = false;
        if (!stopped) deps.fail(err.message);
      },
    );
  }

  function appended(fresh: readonly TimelineEntry[]) {
    if (stopped || fresh.length === 0) return;
    for (const listener of [...listeners]) listener(fresh);
    if (loading || !entries) {
      early.push(...fresh);
      return;
    }
    entries = mergeEntries(entries, fresh, limit);
    deps.show(entries);
  }

  return {
    reload,
    appended,
    /** Entries as they are pushed (oldest first), for panels that keep their own filtered list. */
    onAppended(listener: (entries: readonly TimelineEntry[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
    },
  };
}
