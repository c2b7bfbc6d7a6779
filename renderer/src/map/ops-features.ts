import type { Alert, Board, Task } from '../../../native/api/ops.ts';

export interface OpsFeature {
  type: 'Feature';
  id: string;
  properties: { kind: 'alert' | 'task'; id: string; title: string; severity: string; status: string; overdue: boolean };
  geometry: NonNullable<Alert['area']>;
}

export interface OpsFeatureCollection {
  type: 'FeatureCollection';
  features: OpsFeature[];
}

/** Tasks of a board, flattened (a task appears in exactly one lane and status). */
export function boardTasks(board: Board): Task[] {
  return board.lanes.flatMap((lane) => Object.values(lane.tasks).flat());
}

/**
 * Map features for open alerts with an area and unfinished tasks with a location. Task "severity"
 * is its priority, so one colour scale serves both. The function it returns keeps each row's
 * feature while the row is the same object (a board patch replaces only the rows it names), so
 * `featureDiff` finds what changed by identity.
 */
export function createOpsFeatures() {
  const made = new WeakMap<Alert | Task, OpsFeature>();
  const once = (row: Alert | Task, make: () => OpsFeature) => {
    const known = made.get(row);
    if (known) return known;
    const feature = make();
    made.set(row, feature);
    return feature;
  };
  return (alerts: readonly Alert[], tasks: readonly Task[]): OpsFeatureCollection => {
    const features: OpsFeature[] = [];
    for (const alert of alerts) {
      // Public reports have their own markers (report-features.ts).
      if (!alert.area || alert.status === 'resolved' || alert.status === 'dismissed' || alert.source === 'report') continue;
      const area = alert.area;
      features.push(
        once(alert, () => ({
          type: 'Feature',
          id: `alert:${alert.id}`,
          properties: { kind: 'alert', id: alert.id, title: alert.title, severity: alert.severity, status: alert.status, overdue: false },
          geometry: area,
        })),
      );
    }
    for (const task of tasks) {
      if (!task.location || task.status === 'done' || task.status === 'cancelled') continue;
      const { lon, lat } = task.location;
      features.push(
        once(task, () => ({
          type: 'Feature',
          id: `task:${task.id}`,
          properties: { kind: 'task', id: task.id, title: task.title, severity: task.priority, status: task.status, overdue: task.overdue },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        })),
      );
    }
    return { type: 'FeatureCollection', features };
  };
}

/** What turns `shown` into `next` (features compared by identity, see createOpsFeatures); null when nothing does. */
export function featureDiff(shown: OpsFeatureCollection, next: OpsFeatureCollection): { remove: string[]; add: OpsFeature[] } | null {
  const before = new Map(shown.features.map((f) => [f.id, f]));
  const remove: string[] = [];
  const add: OpsFeature[] = [];
  for (const feature of next.features) {
    const old = before.get(feature.id);
    before.delete(feature.id);
    if (old === feature) continue;
    if (old) remove.push(feature.id);
    add.push(feature);
  }
  remove.push(...before.keys());
  return remove.length === 0 && add.length === 0 ? null : { remove, add };
}
