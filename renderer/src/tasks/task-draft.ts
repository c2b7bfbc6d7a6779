import type { Alert, Task } from '../../../native/api/ops.ts';

export type Location = NonNullable<Task['location']>;

/** What "new task" starts from: nothing, or an alert's title, area and id. */
export interface TaskDraftPrefill {
  title?: string;
  description?: string;
  alertId?: string;
  location?: Location | null;
}

/** A representative point of an alert's area, for a task's location: the point, or the mean of the outer ring's vertices. */
export function areaPoint(area: Alert['area']): Location | null {
  if (!area) return null;
  if (area.type === 'Point') return { lon: Math.round(area.coordinates[0] * 1e6) / 1e6, lat: Math.round(area.coordinates[1] * 1e6) / 1e6 };
  const ring = area.type === 'Polygon' ? area.coordinates[0] : area.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return null;
  const pts = ring.slice(0, -1).length > 0 ? ring.slice(0, -1) : ring;
  const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}

export function prefillFromAlert(alert: Alert): TaskDraftPrefill {
  return {
    title: alert.title,
    description: `From alert (${alert.severity}, ${alert.urgency}, ${alert.certainty}): ${alert.description}`.trim(),
    alertId: alert.id,
    location: areaPoint(alert.area),
  };
}
