import type { Alert } from '../../api/ops.ts';
import type { Clock } from '../../clock/clock.ts';
import { capDateTime, type CapArea, type CapMessage, type CapReference } from './cap-message.ts';

/** The parameter that carries Polder's own alert id, so a receiving Polder can tell its source. */
export const alertIdParameter = 'polder:alertId';

const closed = (alert: Pick<Alert, 'status'>) => alert.status === 'resolved' || alert.status === 'dismissed';

/** GeoJSON [lon, lat] rings as CAP [lat, lon] rings; CAP polygons have no holes: outer rings only. */
function capArea(area: NonNullable<Alert['area']>, areaDesc: string): CapArea {
  const swap = (ring: [number, number][]) => ring.map(([lon, lat]): [number, number] => [lat, lon]);
  if (area.type === 'Point') return { areaDesc, polygons: [], circles: [{ center: [area.coordinates[1], area.coordinates[0]], radiusKm: 0 }] };
  const outer = area.type === 'Polygon' ? [area.coordinates[0]!] : area.coordinates.map((polygon) => polygon[0]!);
  return { areaDesc, polygons: outer.map((ring) => swap(ring as [number, number][])), circles: [] };
}

/**
 * The CAP 1.2 message for an alert now. The first is an Alert; later ones Update it, or Cancel it
 * once it is resolved or dismissed, naming every earlier message in `references`. `status` is
 * Exercise whenever the app's clock is not live (an exercise or a replay must never read as real).
 */
export function capFromAlert({ alert, earlier, sender, clock, areaDesc }: { alert: Alert; earlier: readonly CapReference[]; sender: string; clock: Pick<Clock, 'now' | 'mode'>; areaDesc: string }): CapMessage & { msgType: 'Alert' | 'Update' | 'Cancel'; status: 'Actual' | 'Exercise' } {
  const live = clock.mode === 'live';
  const msgType = earlier.length === 0 ? ('Alert' as const) : closed(alert) ? ('Cancel' as const) : ('Update' as const);
  return {
    identifier: `${alert.id}-${earlier.length + 1}`,
    sender,
    sent: capDateTime(clock.now()),
    status: live ? ('Actual' as const) : ('Exercise' as const),
    msgType,
    source: `Polder (${alert.source})`,
    scope: 'Public',
    restriction: null,
    addresses: null,
    note: live ? null : `Exercise: sent while Polder's clock was in ${clock.mode} mode, not live`,
    references: [...earlier],
    incidents: alert.incidentId,
    infos: [
      {
        language: 'en',
        categories: ['Met'],
        event: 'Flood',
        urgency: alert.urgency,
        severity: alert.severity,
        certainty: alert.certainty,
        senderName: 'Polder EOC',
        headline: alert.title,
        description: alert.description === '' ? null : alert.description,
        instruction: null,
        parameters: [{ valueName: alertIdParameter, value: alert.id }],
        areas: alert.area ? [capArea(alert.area, areaDesc)] : [],
      },
    ],
  };
}
