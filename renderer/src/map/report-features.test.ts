import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../native/api/ops.ts';
import type { ReportGroup } from '../../../native/api/reports.ts';
import { createOpsFeatures } from './ops-features.ts';
import { reportFeatures } from './report-features.ts';

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });
const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1', source: 'report', title: 'Unconfirmed public report: water', description: '', severity: 'Unknown', urgency: 'Unknown', certainty: 'Unknown',
  area: point(151.741, -32.942), status: 'raised', escalation: 0, dedupeKey: null, occurrences: 1, incidentId: null, raisedAt: 0, raisedBy: 'system', updatedAt: 0, conflicts: 0,
  loud: false, allowedActions: [], queueRank: '',
  ...over,
});
const group = (over: Partial<ReportGroup>): ReportGroup => ({
  id: 'r1', alertId: 'a1', location: { lon: 151.7415, lat: -32.9421 }, count: 20, crew: 4, firstAt: 0, lastAt: 1, maxDepthM: 0.58, latestDepthM: 0.5,
  latestCategory: 'knee', latestText: '', reconstructed: false, review: 'unconfirmed',
  ...over,
});

describe('public report markers', () => {
  it('puts one marker per group at its reports’ mean position, leaves dismissed ones out, and keeps report alerts off the alert markers', () => {
    const alerts = [alert({ id: 'a1' }), alert({ id: 'a2', status: 'dismissed' }), alert({ id: 'a3', source: 'sensor', severity: 'Severe' })];
    const fc = reportFeatures([group({}), group({ id: 'r2', alertId: 'a2', review: 'dismissed' })], alerts);
    expect(fc.features).toEqual([
      { type: 'Feature', id: 'report:r1', properties: { alertId: 'a1', count: 20, maxDepthM: 0.58, review: 'unconfirmed', reconstructed: false, title: '20 public reports, water up to 0.58 m' }, geometry: point(151.7415, -32.9421) },
    ]);
    expect(createOpsFeatures()(alerts, []).features.map((f) => f.id)).toEqual(['alert:a3']);
  });

  it('shows a report alert synced from a node that holds the reports at its own point', () => {
    const fc = reportFeatures([], [alert({ id: 'a9', certainty: 'Observed', title: 'Confirmed elsewhere' })]);
    expect(fc.features).toEqual([
      { type: 'Feature', id: 'report-alert:a9', properties: { alertId: 'a9', count: null, maxDepthM: null, review: 'confirmed', reconstructed: false, title: 'Confirmed elsewhere' }, geometry: point(151.741, -32.942) },
    ]);
  });
});
