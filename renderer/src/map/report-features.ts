import type { Alert } from '../../../native/api/ops.ts';
import type { ReportGroup } from '../../../native/api/reports.ts';

export interface ReportFeature {
  type: 'Feature';
  id: string;
  properties: {
    /** The alert to open from the marker (null when it could not be written). */
    alertId: string | null;
    /** Reports in the group; null for a report alert whose reports another node received. */
    count: number | null;
    maxDepthM: number | null;
    review: 'unconfirmed' | 'confirmed';
    reconstructed: boolean;
    title: string;
  };
  geometry: { type: 'Point'; coordinates: [number, number] };
}

/**
 * The public-report markers: one per group of reports this node holds (not dismissed), at the
 * mean position of its reports, and one per open report alert synced from a node that holds the
 * reports (at the alert's point). The alert markers of the ops layer leave report alerts out.
 */
export function reportFeatures(groups: readonly ReportGroup[], alerts: readonly Alert[]): { type: 'FeatureCollection'; features: ReportFeature[] } {
  const features: ReportFeature[] = [];
  const held = new Set<string>();
  for (const g of groups) {
    if (g.alertId) held.add(g.alertId);
    if (g.review === 'dismissed') continue;
    features.push({
      type: 'Feature',
      id: `report:${g.id}`,
      properties: { alertId: g.alertId, count: g.count, maxDepthM: g.maxDepthM, review: g.review, reconstructed: g.reconstructed, title: `${g.count} public report${g.count === 1 ? '' : 's'}, water up to ${Number(g.maxDepthM.toFixed(2))} m` },
      geometry: { type: 'Point', coordinates: [g.location.lon, g.location.lat] },
    });
  }
  for (const a of alerts) {
    if (a.source !== 'report' || held.has(a.id) || a.area?.type !== 'Point' || a.status === 'resolved' || a.status === 'dismissed') continue;
    features.push({
      type: 'Feature',
      id: `report-alert:${a.id}`,
      properties: { alertId: a.id, count: null, maxDepthM: null, review: a.certainty === 'Unknown' ? 'unconfirmed' : 'confirmed', reconstructed: false, title: a.title },
      geometry: { type: 'Point', coordinates: a.area.coordinates },
    });
  }
  return { type: 'FeatureCollection', features };
}
