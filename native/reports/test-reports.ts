// Reports for tests: a street of them, and a real ops service with a report service over it.
import type { ReportForm } from '../api/reports.ts';
import { testService } from '../ops/test-service.ts';
import { createReportService } from './service.ts';

/** A street across the Merewether pack's area, west to east (about 150 m): twenty reports of water along it. */
export const street = { lon: 151.7408, lat: -32.942 };

/** `n` reports along the street over 25 minutes before `end`, each a few metres east of the last. */
export function streetReports(n: number, end: number, over: Partial<ReportForm> = {}): ReportForm[] {
  return Array.from({ length: n }, (_, i) => ({
    location: { lon: street.lon + i * 0.00008, lat: street.lat + (i % 3) * 0.00002 },
    observedAt: new Date(end - (n - 1 - i) * 75_000).toISOString(),
    ...(i % 2 ? { depthM: 0.2 + i * 0.02 } : { category: i < 10 ? 'ankle' : 'knee' }),
    text: `Water over the road, report ${i + 1}`,
    reporter: { contact: `+61 400 000 ${String(i).padStart(3, '0')}`, kind: i % 5 === 0 ? 'crew' : 'resident' },
    ...over,
  }));
}

/** A report service over a real ops service (temp folder, manual clock), as the app wires it. */
export function testReports(bounds: readonly [number, number, number, number] | null = null) {
  const ops = testService();
  const reports = createReportService({
    db: ops.service.store.db,
    clock: ops.clock,
    push: { emit: (event, payload) => ops.pushes.push({ event, payload }) },
    logger: { info() {}, warn() {}, error() {} },
    alerts: ops.service.systemAlerts,
    core: ops.service.core,
    limits: { bounds },
  });
  const line = (form: unknown) => Buffer.from(JSON.stringify(form));
  const jsonl = (forms: readonly unknown[]) => Buffer.from(forms.map((f) => JSON.stringify(f)).join('\n'));
  const eventTypes = () => ops.service.store.db.prepare<[], string>('SELECT type FROM events ORDER BY pos').pluck().all();
  return { ...ops, reports, line, jsonl, eventTypes };
}
