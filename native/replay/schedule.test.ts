import { describe, expect, it } from 'vitest';
import type { Recording } from '../record/format.ts';
import { compactTopic, observationsTopic } from '../sensors/payload.ts';
import { firstAfter, scheduleOf } from './schedule.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const reading = (sensor: string, receivedAt: number, body: string) => ({ sensor_id: sensor, time: receivedAt - 1000, value: 0.2, result_time: null, received_at: receivedAt, flags: 0, payload: b64(body) });

describe('a replay schedule', () => {
  it('re-publishes each message on the topic it came on, in receive order, and orders events by HLC', () => {
    const rec = {
      events: [
        { id: 'b', origin: 'dev_a', seq: 2, hlc: '000000000002000-0000-dev_a', actor: 'eoc-lead', type: 'log.entry', entity: 'l2', payload: '{}', prevHash: '', hash: '0'.repeat(64), sig: null },
        { id: 'a', origin: 'dev_a', seq: 1, hlc: '000000000001000-0000-dev_a', actor: 'eoc-lead', type: 'log.entry', entity: 'l1', payload: '{}', prevHash: '', hash: '0'.repeat(64), sig: null },
      ],
      sensorObservations: [reading('g-inlet', 3000, '{"phenomenonTime":"2007-06-08T06:00:02Z","result":0.2}'), reading('g-rain', 2000, '{"ds":"g-rain","t":1000,"v":0.2}')],
      sensorQuarantine: [{ received_at: 2500, topic: 'polder/v1/observations', sensor_id: null, reason: 'not JSON', payload: b64('{') }],
    } as unknown as Recording;
    const { events, payloads } = scheduleOf(rec);
    expect(events.map((e) => [e.at, e.event.id])).toEqual([[1000, 'a'], [2000, 'b']]);
    expect(payloads.map((p) => [p.at, p.topic, p.raw.toString()])).toEqual([
      [2000, compactTopic, '{"ds":"g-rain","t":1000,"v":0.2}'],
      [2500, 'polder/v1/observations', '{'],
      [3000, observationsTopic('g-inlet'), '{"phenomenonTime":"2007-06-08T06:00:02Z","result":0.2}'],
    ]);
    expect([firstAfter(payloads, 1999), firstAfter(payloads, 2000), firstAfter(payloads, 2999), firstAfter(payloads, 9999)]).toEqual([0, 1, 2, 3]);
  });
});
