import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/ops.ts';
import { alertQueueRank } from '../alert-rank.ts';
import { alertQueueOrder } from './alerts.ts';

const alert = (id: string, severity: Alert['severity'], escalation: number, raisedAt: number) => ({ id, queueRank: alertQueueRank({ id, severity, escalation, raisedAt }) });

describe('the alert queue order', () => {
  it('puts severity first, then escalation, then the newest', () => {
    const alerts = [
      alert('minor-new', 'Minor', 0, 500),
      alert('severe-old', 'Severe', 0, 100),
      alert('moderate-escalated', 'Moderate', 3, 200),
      alert('extreme', 'Extreme', 0, 50),
      alert('severe-new', 'Severe', 0, 300),
      alert('severe-escalated', 'Severe', 1, 10),
      alert('unknown', 'Unknown', 5, 900),
    ];
    expect(alerts.sort(alertQueueOrder).map((a) => a.id)).toEqual([
      'extreme',
      'severe-escalated',
      'severe-new',
      'severe-old',
      'moderate-escalated',
      'minor-new',
      'unknown',
    ]);
  });
});
