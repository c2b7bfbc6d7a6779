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

/** Map features for open alerts with an area and unfinished tasks with a location. Task
 * "severity" is its priority, so one colour scale serves both. */
export function opsFeatures(alerts: readonly Alert[], tasks: readonly Task[]): OpsFeatureCollection {
  const features: OpsFeature[] = [];
  for (const alert of alerts) {
    if (!alert.area || alert.status === 'resolved' || alert.status === 'dismissed') continue;
    features.push({
      type: 'Feature',
      id: `alert:${alert.id}`,
      properties: { kind: 'alert', id: alert.id, title: alert.title, severity: alert.severity, status: alert.status, overdue: false },
      geometry: alert.area,
    });
  }
  for (const task of tasks) {
    if (!task.location || task.status === 'done' || task.status === 'cancelled') continue;
    features.push({
      type: 'Feature',
      id: `task:${task.id}`,
      properties: { kind: 'task', id: task.id, title: task.title, severity: task.priority, status: task.status, overdue: task.overdue },
      geometry: { type: 'Point', coordinates: [task.location.lon, task.location.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}
