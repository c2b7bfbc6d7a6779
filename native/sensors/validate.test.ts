import { describe, expect, it } from 'vitest';
import type { Sensor } from '../api/sensors.ts';
import type { Candidate } from './payload.ts';
import { validate } from './validate.ts';

const now = Date.UTC(2007, 5, 8, 12);
const level: Sensor = { id: 'g', thing: 'g', name: 'g', kind: 'water-level', observedProperty: '', unit: { name: 'metre', symbol: 'm' }, location: { lon: 0, lat: 0 }, thresholds: null, risingPerHour: null, silenceAfterSeconds: 300, source: 'scenario', updatedAt: 0 };
const candidate = (value: number, time = now, unit: string | null = null): Candidate => ({ sensorId: 'g', time, resultTime: null, value, unit, reconstructed: false, raw: Buffer.alloc(0) });
const reason = (c: Candidate, last: { time: number; value: number } | null = null) => {
  const r = validate(c, level, last, now);
  return 'reason' in r ? r.reason : null;
};

describe('validating a reading against its sensor', () => {
  it('accepts a plausible reading and converts a stated unit', () => {
    expect(validate(candidate(0.2), level, null, now)).toEqual({ value: 0.2 });
    expect(validate(candidate(25, now, 'cm'), level, null, now)).toEqual({ value: 0.25 });
  });

  it('refuses a foreign unit and values no such sensor can read', () => {
    expect(reason(candidate(1, now, 'ft'))).toMatch(/unit "ft" does not fit a water-level sensor \(m/);
    expect(reason(candidate(42))).toMatch(/42 m is outside what a water-level sensor can read \(-0.5 to 15 m\)/);
    expect(reason(candidate(-3))).toMatch(/outside/);
  });

  it('refuses readings from the future, too old, duplicated or out of order', () => {
    expect(reason(candidate(0.1, now + 10 * 60_000))).toMatch(/10 min in the future/);
    expect(reason(candidate(0.1, now + 30_000))).toBeNull();
    expect(reason(candidate(0.1, now - 8 * 86_400_000))).toMatch(/8 days old/);
    const last = { time: now - 5000, value: 0.1 };
    expect(reason(candidate(0.1, now - 5000), last)).toMatch(/^duplicate of the reading at 2007-06-08T11:59:55/);
    expect(reason(candidate(0.2, now - 5000), last)).toMatch(/a second, different result/);
    expect(reason(candidate(0.2, now - 6000), last)).toMatch(/out of order/);
  });

  it('refuses a change faster than the kind allows, measured over at least a minute', () => {
    const last = { time: now - 1000, value: 0.1 };
    expect(reason(candidate(1.5, now), last)).toBeNull();
    expect(reason(candidate(3.5, now), last)).toMatch(/changed by 3.4 m in 1 s/);
    expect(reason(candidate(5, now), { time: now - 120_000, value: 0.1 })).toBeNull();
  });
});
