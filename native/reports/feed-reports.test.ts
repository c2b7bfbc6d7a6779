import { describe, expect, it } from 'vitest';
import { ReportForm } from '../api/reports.ts';
import { planReports, reconstructedForm, type FloodedCell } from './feed-reports.ts';

const cells: FloodedCell[] = [
  { lon: 151.741, lat: -32.942, maxDepthM: 0.8, arrivalSeconds: 100 },
  { lon: 151.742, lat: -32.941, maxDepthM: 0.2, arrivalSeconds: 400 },
  { lon: 151.743, lat: -32.940, maxDepthM: 0.05, arrivalSeconds: 50 },
  { lon: 151.744, lat: -32.939, maxDepthM: 1.0, arrivalSeconds: 1200 },
];

describe('reconstructed reports for the feed', () => {
  it('places them only where the run wetted a street at least 10 cm deep within the run, after the water came, in time order', () => {
    const planned = planReports(cells, 200, 1000, 7);
    expect(planned).toHaveLength(200);
    expect(planned.map((p) => p.scenarioTime)).toEqual([...planned.map((p) => p.scenarioTime)].sort((a, b) => a - b));
    for (const p of planned) {
      const cell = cells.find((c) => Math.abs(c.lon - p.lon) < 0.0001 && Math.abs(c.lat - p.lat) < 0.0001)!;
      expect(cell.maxDepthM).toBeGreaterThanOrEqual(0.1);
      expect(cell.arrivalSeconds).toBeLessThanOrEqual(1000);
      expect(p.scenarioTime).toBeGreaterThanOrEqual(cell.arrivalSeconds);
    }
    // The deeper street is reported about four times as often.
    const deep = planned.filter((p) => Math.abs(p.lon - 151.741) < 0.0001).length;
    expect(deep / 200).toBeGreaterThan(0.65);
    expect(planReports(cells, 200, 1000, 7)).toEqual(planned);
    expect(planReports(cells.slice(2, 3), 5, 1000, 7)).toEqual([]);
  });

  it('writes each as the documented form, labelled reconstructed, half by category and half in metres', () => {
    const [a, b] = planReports(cells, 2, 1000, 1);
    const forms = [reconstructedForm(a!, 0, 1, Date.UTC(2007, 5, 8, 12)), reconstructedForm(b!, 1, 1, Date.UTC(2007, 5, 8, 12))];
    for (const form of forms) expect(ReportForm.parse(form)).toMatchObject({ reconstructed: true, observedAt: '2007-06-08T12:00:00.000Z' });
    expect(forms.map((f) => [f.id, 'category' in f, 'depthM' in f])).toEqual([
      ['feed-1-0', false, true],
      ['feed-1-1', true, false],
    ]);
  });
});
