import type { Push } from '../../../native/api/index.ts';
import type { Alert } from '../../../native/api/ops.ts';
import { patchAlerts } from './alert-patch.ts';

export interface AlertSyncDeps {
  query(): Promise<{ seq: number; alerts: Alert[] }>;
  rows(ids: string[]): Promise<{ rows: Alert[]; gone: string[] }>;
  show(alerts: Alert[]): void;
  fail(message: string): void;
}

/** alerts.rows takes at most this many ids per call. */
const maxIds = 1000;

/**
 * Keeps one window's alert list current, the way boards are kept: a full alerts.query at start (and
 * on reconnection), then each numbered alerts.changed push patches only the alerts it names
 * (alerts.rows). Ids named while a fetch is out wait and go in the next one, so a burst of changes
 * costs a few fetches, not one per change. A skipped number means a change was missed: query again.
 */
export function createAlertSync(deps: AlertSyncDeps) {
  let alerts: Alert[] | null = null;
  /** Pushes up to this number are in `alerts` or being fetched. */
  let seq = 0;
  let loading = false;
  let fetching = false;
  let stopped = false;
  let early: Push['alerts.changed'][] = [];
  const pending = new Set<string>();

  function reload() {
    if (stopped) return;
    loading = true;
    early = [];
    pending.clear();
    deps.query().then(
      (answer) => {
        if (stopped) return;
        loading = false;
        alerts = answer.alerts;
        seq = answer.seq;
        deps.show(alerts);
        // Pushes that raced the query: those it already includes are skipped by their number.
        for (const p of early.splice(0)) changed(p);
      },
      (err: Error) => {
        loading = false;
        if (!stopped) deps.fail(err.message);
      },
    );
  }

  function flush() {
    if (fetching || loading || !alerts || pending.size === 0) return;
    const ids = [...pending].slice(0, maxIds);
    for (const id of ids) pending.delete(id);
    fetching = true;
    deps.rows(ids).then(
      ({ rows, gone }) => {
        fetching = false;
        if (stopped || loading || !alerts) return;
        alerts = patchAlerts(alerts, rows, gone);
        deps.show(alerts);
        flush();
      },
      () => {
        fetching = false;
        reload();
      },
    );
  }

  function changed(p: Push['alerts.changed']) {
    if (stopped) return;
    if (loading) {
      early.push(p);
      return;
    }
    if (p.seq <= seq) return;
    if (p.seq !== seq + 1) {
      reload();
      return;
    }
    seq = p.seq;
    for (const id of p.ids) pending.add(id);
    flush();
  }

  return {
    reload,
    changed,
    stop() {
      stopped = true;
    },
  };
}
