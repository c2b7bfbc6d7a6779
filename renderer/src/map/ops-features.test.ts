import { describe, expect, it } from 'vitest';
import type { Alert, Task } from '../../../native/api/ops.ts';
import { createOpsFeatures, featureDiff } from './ops-features.ts';

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
    const fc = createOpsFeatures()(
      [alert({ id: 'a1', area }), alert({ id: 'a2' }), alert({ id: 'a3', area, status: 'resolved' })],
      [task({ id: 't1', location: { lon: 151.755, lat: -32.945 }, overdue: true }), task({ id: 't2' }), task({ id: 't3', location: { lon: 1, lat: 1 }, status: 'done' })],
    );
    expect(fc.features.map((f) => f.id)).toEqual(['alert:a1', 'task:t1']);
    expect(fc.features[0]!.geometry).toEqual(area);
    expect(fc.features[1]).toMatchObject({ geometry: { type: 'Point', coordinates: [151.755, -32.945] }, properties: { kind: 'task', severity: 'high', overdue: true } });
  });

  it('keeps the feature of a row that did not change, so the map is sent only the changed ones', () => {
    const features = createOpsFeatures();
    const t1 = task({ id: 't1', location: { lon: 1, lat: 1 } });
    const t2 = task({ id: 't2', location: { lon: 2, lat: 2 } });
    const t3 = task({ id: 't3', location: { lon: 3, lat: 3 } });
    const before = features([], [t1, t2, t3]);
    // t1 unchanged, t2 patched (a new row object), t3 done (leaves the map), t4 new.
    const t2Moved = { ...t2, status: 'in_progress' as const };
    const t4 = task({ id: 't4', location: { lon: 4, lat: 4 } });
    const after = features([], [t1, t2Moved, { ...t3, status: 'done' }, t4]);
    expect(after.features[0]).toBe(before.features[0]);
    expect(featureDiff(before, after)).toEqual({
      remove: ['task:t2', 'task:t3'],
      add: [after.features[1], after.features[2]],
    });
    expect(after.features[1]!.properties.status).toBe('in_progress');
    expect(featureDiff(after, features([], [t1, t2Moved, t4]))).toBeNull();
  });
});
