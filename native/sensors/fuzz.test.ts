import { describe, expect, it } from 'vitest';
import { fuzzThroughBroker } from './fuzz-run.ts';

describe('fuzzing the ingest through a real mosquitto', () => {
  it('survives 100k random and malformed payloads: every reading accepted or quarantined with a reason, and the counts add up', async () => {
    const r = await fuzzThroughBroker(100_000, 17);
    expect(r.received).toBe(r.expected);
    expect(r.accepted + r.quarantined).toBe(r.received);
    expect(r.rows.readings).toBe(r.accepted);
    expect(r.rows.quarantine).toBe(r.quarantined);
    expect(r.rows.withoutReason).toBe(0);
    expect(r.quarantined).toBeGreaterThan(r.messages / 2);
    expect(r.accepted).toBeGreaterThan(10);
    expect(r.stillAccepting).toBe(true);
  }, 300_000);
});
