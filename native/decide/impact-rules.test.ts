import { describe, expect, it } from 'vitest';
import type { TargetImpact } from '../../simulation/host/forecast.ts';
import { certaintyOf, impactAlerts, recommendationsFor, severityOf, urgencyOf } from './impact-rules.ts';

const impact = (over: Partial<TargetImpact>): TargetImpact => ({ id: 'x', name: 'X', kind: 'school', shape: 'point', x: 0, y: 0, lonLat: [151, -33], peakDepth: 0, arrivalSeconds: null, leadSeconds: null, hazard: 0, probability: 0, ...over });

describe('impact rules', () => {
  it('CAP severity from depth and hazard, urgency from the lead time, certainty from the ensemble', () => {
    expect([severityOf(0.2, 1), severityOf(0.35, 1), severityOf(0.2, 3), severityOf(0.6, 2), severityOf(0.2, 4), severityOf(1.2, 1), severityOf(0.2, 6)]).toEqual(['Minor', 'Moderate', 'Moderate', 'Severe', 'Severe', 'Extreme', 'Extreme']);
    expect([urgencyOf(0), urgencyOf(900), urgencyOf(901), urgencyOf(3600), urgencyOf(3601), urgencyOf(null)]).toEqual(['Immediate', 'Immediate', 'Expected', 'Expected', 'Future', 'Future']);
    expect([certaintyOf(1, 1, false), certaintyOf(0.8, 5, false), certaintyOf(0.4, 5, false), certaintyOf(0.1, 10, false), certaintyOf(1, 5, true)]).toEqual(['Likely', 'Likely', 'Possible', 'Unlikely', 'Observed']);
  });

  it('alerts only assets the water reaches (or enough members say it may), soonest first', () => {
    const alerts = impactAlerts(
      [
        impact({ id: 'dry', peakDepth: 0.05 }),
        impact({ id: 'late', peakDepth: 0.4, arrivalSeconds: 2400, leadSeconds: 2400, hazard: 2, probability: 1 }),
        impact({ id: 'soon', peakDepth: 0.2, arrivalSeconds: 300, leadSeconds: 300, hazard: 1, probability: 1 }),
        impact({ id: 'maybe', peakDepth: 0.1, probability: 0.4 }),
      ],
      5,
    );
    expect(alerts.map((a) => [a.asset, a.severity, a.urgency, a.certainty])).toEqual([
      ['soon', 'Minor', 'Immediate', 'Likely'],
      ['late', 'Moderate', 'Expected', 'Likely'],
      ['maybe', 'Minor', 'Future', 'Possible'],
    ]);
    expect(impactAlerts([impact({ id: 'maybe', peakDepth: 0.1, probability: 0.4 })], 1)).toEqual([]);
  });

  it('closes roads over 0.3 m (Transport) and protects each kind of asset by its department', () => {
    const alerts = impactAlerts(
      [
        impact({ id: 'road:r#1', name: 'Main St, segment 1 of 2', kind: 'road', shape: 'area', peakDepth: 0.35, leadSeconds: 600, arrivalSeconds: 600, probability: 1 }),
        impact({ id: 'road:r#2', name: 'Main St, segment 2 of 2', kind: 'road', shape: 'area', peakDepth: 0.2, leadSeconds: 600, arrivalSeconds: 600, probability: 1 }),
        impact({ id: 'sub', name: 'Substation', kind: 'substation', peakDepth: 0.5, leadSeconds: 1200, arrivalSeconds: 1200, probability: 1 }),
        impact({ id: 'hosp', name: 'Hospital', kind: 'hospital', shape: 'area', peakDepth: 0.2, leadSeconds: 1800, arrivalSeconds: 1800, probability: 1 }),
      ],
      1,
    );
    expect(recommendationsFor(alerts).map((r) => [r.kind, r.target, r.department, r.priority])).toEqual([
      ['closure', 'road:r#1', 'transport', 'critical'],
      ['protection', 'sub', 'utilities', 'high'],
      ['protection', 'hosp', 'health', 'normal'],
    ]);
  });
});
