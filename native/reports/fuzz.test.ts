// Random and malformed reports into the report ingest: it never throws, every payload is accepted
// or quarantined with a reason, and the counts agree with the rows.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { street, testReports } from './test-reports.ts';

let t: ReturnType<typeof testReports> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('the report ingest under random and malformed payloads', () => {
  it('takes 600 of them (fixed seed) without a throw; received = accepted + quarantined, each refusal with a reason', () => {
    t = testReports([151.7403, -32.9436, 151.7438, -32.9398]);
    const now = t.clock.now();
    const time = fc.oneof(fc.integer({ min: now - 2 * 86_400_000, max: now + 3_600_000 }).map((ms) => new Date(ms).toISOString()), fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null));
    const depth = fc.oneof(fc.double(), fc.double({ min: 0, max: 3, noNaN: true }), fc.string({ maxLength: 5 }));
    const form = fc.record(
      {
        id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer()),
        location: fc.oneof(fc.record({ lon: fc.double({ min: street.lon - 0.002, max: street.lon + 0.002, noNaN: true }), lat: fc.double({ min: street.lat - 0.001, max: street.lat + 0.001, noNaN: true }) }), fc.jsonValue({ maxDepth: 1 })),
        observedAt: time,
        depthM: depth,
        category: fc.oneof(fc.constantFrom('ankle', 'knee', 'waist', 'car-roof'), fc.string({ maxLength: 6 })),
        text: fc.oneof(fc.string({ maxLength: 50 }), fc.integer()),
        photo: fc.string({ maxLength: 20 }),
        reporter: fc.oneof(fc.record({ contact: fc.string({ maxLength: 12 }), kind: fc.constantFrom('resident', 'crew', 'robot') }, { requiredKeys: ['contact'] }), fc.string()),
        reconstructed: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    const valid = fc.record({
      id: fc.uuid(),
      location: fc.record({ lon: fc.double({ min: 151.7404, max: 151.7437, noNaN: true }), lat: fc.double({ min: -32.9435, max: -32.9399, noNaN: true }) }),
      observedAt: fc.integer({ min: now - 3_600_000, max: now }).map((ms) => new Date(ms).toISOString()),
      category: fc.constantFrom('ankle', 'knee', 'waist', 'car-roof'),
      reporter: fc.record({ contact: fc.string({ minLength: 1, maxLength: 12 }).filter((c) => c.trim().length > 0) }),
    });
    const payload = fc.oneof(
      valid.map((f) => Buffer.from(JSON.stringify(f))),
      form.map((f) => Buffer.from(JSON.stringify(f))),
      fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v))),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ maxLength: 40 }).map((s) => Buffer.from(s)),
    );
    const sent = fc.sample(payload, { numRuns: 600, seed: 17 });
    for (const raw of sent) t.reports.receive('polder/v1/polder/reports', raw);

    const counts = t.reports.counts();
    expect(counts.received).toBe(sent.length);
    expect(counts.accepted + counts.quarantined).toBe(counts.received);
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.quarantined).toBeGreaterThan(counts.received / 2);
    const db = t.service.store.db;
    expect(db.prepare("SELECT count(*) FROM report_quarantine WHERE length(trim(reason)) = 0").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM reports').pluck().get()).toBe(counts.accepted);
    expect(db.prepare('SELECT sum(count) FROM report_groups').pluck().get()).toBe(counts.accepted);
  });
});
