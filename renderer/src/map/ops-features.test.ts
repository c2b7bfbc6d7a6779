import { describe, expect, it } from 'vitest';
import type { Alert, Task } from '../../../native/api/ops.ts';
import { opsFeatures } from './ops-features.ts';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1', source: 'field', title: 'Water over road', description: '', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed',
  area: null, status: 'raised', escalation: 0, dedupeKey: null, occurrences: 1, incidentId: null, raisedAt: 0, raisedBy: 'x', updatedAt: 0, conflicts: 0,
  loud: false, allowedActions: [], queueRank: '',
  ...over,
});
const task = (over: Partial<Task>): Task => ({
  id: 't1', title: 'Close road', description: '', department: 'police', unitId: null, priority: 'high', status: 'new', dueAt: null,
  location: null, alertId: null, incidentId: null, createdAt: 0, createdBy: 'x', updatedAt: 0, overdue: false, conflicts: 0,
  closed: false, allowedTransitions: [], refusedTransitions: [], allowedActions: [], assignMovesTo: null, version: 'v1', boardRank: '',
  ...over,
});

describe('opsFeatures', () => {
  it('maps located alerts and tasks, leaving out closed ones and those without a place', () => {
    const area = { type: 'Polygon' as const, coordinates: [[[151.75, -32.94], [151.76, -32.94], [151.76, -32.95], [151.75, -32.94]]] as [number, number][][] };
    const fc = opsFeatures(
      [alert({ id: 'a1', area }), alert({ id: 'a2' }), alert({ id: 'a3', area, status: 'resolved' })],
      [task({ id: 't1', location: { lon: 151.755, lat: -32.945 }, overdue: true }), task({ id: 't2' }), task({ id: 't3', location: { lon: 1, lat: 1 }, status: 'done' })],
    );
    expect(fc.features.map((f) => f.id)).toEqual(['alert:a1', 'task:t1']);
    expect(fc.features[0]!.geometry).toEqual(area);
    expect(fc.features[1]).toMatchObject({ geometry: { type: 'Point', coordinates: [151.755, -32.945] }, properties: { kind: 'task', severity: 'high', overdue: true } });
  });
});
