import { listLimits, type Alert } from '../../../native/api/ops.ts';
import { patchAlerts } from './alert-patch.ts';
import { createNumberedSync } from './numbered-sync.ts';

export interface AlertSyncDeps {
  query(): Promise<{ seq: number; alerts: Alert[] }>;
  rows(ids: string[]): Promise<{ rows: Alert[]; gone: string[] }>;
  show(alerts: Alert[]): void;
  fail(message: string): void;
}

/**
 * Keeps one window's alert list current, the way boards are kept: a numbered sync of
 * alerts.query and alerts.rows (alerts.changed pushes).
 */
export function createAlertSync(deps: AlertSyncDeps) {
  const sync = createNumberedSync<Alert[]>({
    query: () => deps.query().then(({ seq, alerts }) => ({ value: alerts, seq })),
    rows: (ids) => deps.rows(ids).then(({ rows, gone }) => (alerts) => patchAlerts(alerts, rows, gone)),
    maxIds: listLimits.alertRows,
    show: deps.show,
    fail: deps.fail,
  });
  return { reload: sync.reload, changed: sync.changed, stop: sync.stop };
}
