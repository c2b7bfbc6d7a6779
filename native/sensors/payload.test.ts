import { describe, expect, it } from 'vitest';
import { compactTopic, observationsTopic, parseMessage, parseTime } from './payload.ts';

const at = Date.UTC(2007, 5, 8, 12);
const one = (topic: string, body: unknown) => {
  const [parsed] = parseMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), at);
  return parsed!;
};
const reason = (topic: string, body: unknown) => {
  const parsed = one(topic, body);
  return parsed.ok ? null : parsed.rejected.reason;
};
const topic = observationsTopic('g-inlet');

describe('SensorThings payloads', () => {
  it('reads an Observation on its datastream topic, string and numeric ids alike', () => {
    expect(topic).toBe("v1.1/Datastreams('g-inlet')/Observations");
    const parsed = one(topic, { phenomenonTime: '2007-06-08T11:59:00Z', resultTime: '2007-06-08T11:59:01Z', result: 0.21, parameters: { unit: 'cm', reconstructed: true } });
    expect(parsed).toMatchObject({ ok: true, candidate: { sensorId: 'g-inlet', time: Date.UTC(2007, 5, 8, 11, 59), resultTime: Date.UTC(2007, 5, 8, 11, 59, 1), value: 0.21, unit: 'cm', reconstructed: true } });
    expect(one('v1.1/Datastreams(42)/Observations', { result: 3 })).toMatchObject({ ok: true, candidate: { sensorId: '42', time: at } });
    expect(one(observationsTopic("o'brien"), { result: 1 })).toMatchObject({ ok: true, candidate: { sensorId: "o'brien" } });
  });

  it('takes the end of a phenomenonTime interval', () => {
    expect(parseTime('2007-06-08T11:00:00Z/2007-06-08T12:00:00+00:00', 'phenomenonTime')).toBe(at);
    expect(parseTime('2007-06-08T12:00:00Z/2007-06-08T11:00:00Z', 'phenomenonTime')).toMatch(/ends before it starts/);
  });

  it('says what is wrong with a bad Observation', () => {
    expect(reason(topic, '{"result": 1')).toMatch(/not JSON/);
    expect(reason(topic, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1'))).toBeTruthy();
    expect(parseMessage(topic, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), at)[0]).toMatchObject({ ok: false, rejected: { reason: 'the payload is not UTF-8 text' } });
    expect(reason(topic, [1, 2])).toMatch(/must be a JSON object, not an array/);
    expect(reason(topic, { phenomenonTime: '2007-06-08T12:00:00Z' })).toMatch(/has no result/);
    expect(reason(topic, { result: '0.2' })).toMatch(/result must be a number, not the text "0.2"/);
    expect(reason(topic, { result: 1, phenomenonTime: 'yesterday' })).toMatch(/not an ISO 8601 time/);
    expect(reason(topic, { result: 1, phenomenonTime: '2007-02-31T00:00:00Z' })).toMatch(/not a real date/);
    expect(reason(topic, { result: 1, phenomenonTime: '2008-02-29T00:00:00Z' })).toBeNull();
    expect(reason(topic, { result: 1, phenomenonTime: '2007-13-01T00:00:00Z' })).toMatch(/not a real date/);
    expect(reason(topic, { result: 1, phenomenonTime: '2007-06-08T12:00:00Z', resultTime: '2007-06-08T11:00:00Z' })).toMatch(/resultTime is before phenomenonTime/);
    expect(reason(topic, { result: 1, parameters: [] })).toMatch(/parameters must be an object/);
    expect(reason(topic, { result: 1, colour: 'red' })).toMatch(/unknown Observation field "colour"/);
    expect(reason('v1.1/Things(1)/Observations', { result: 1 })).toMatch(/is not a datastream's Observations/);
  });
});

describe('the compact gateway form', () => {
  it('reads one reading or a list, each kept with its own raw payload', () => {
    const parsed = parseMessage(compactTopic, Buffer.from(JSON.stringify([{ ds: 'g-inlet', t: at, v: 0.1 }, { ds: 7, t: '2007-06-08T12:00:00Z', v: 2, u: 'mm/h', r: true }, { ds: 'g-inlet', v: 1 }])), at);
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ ok: true, candidate: { sensorId: 'g-inlet', time: at, value: 0.1 } });
    expect(parsed[1]).toMatchObject({ ok: true, candidate: { sensorId: '7', time: at, unit: 'mm/h', reconstructed: true } });
    expect(parsed[2]).toMatchObject({ ok: false, rejected: { sensorId: 'g-inlet', reason: expect.stringMatching(/"t"/) } });
    expect(parsed[2]!.ok ? null : parsed[2]!.rejected.raw.toString()).toBe('{"ds":"g-inlet","v":1}');
  });

  it('refuses an empty list, a list too long and readings without a datastream', () => {
    expect(reason(compactTopic, [])).toMatch(/empty list/);
    expect(reason(compactTopic, Array.from({ length: 1001 }, () => ({ ds: 'a', t: at, v: 1 })))).toMatch(/at most 1000/);
    expect(reason(compactTopic, { t: at, v: 1 })).toMatch(/"ds"/);
    expect(reason(compactTopic, { ds: 'a', t: 1.5, v: 1 })).toMatch(/whole milliseconds/);
    expect(reason(compactTopic, { ds: 'a', t: at, v: null })).toMatch(/"v" \(the value\) must be a number/);
  });
});
