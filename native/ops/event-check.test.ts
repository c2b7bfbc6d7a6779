import { describe, expect, it } from 'vitest';
import { eventHash, type OpsEvent } from './event.ts';
import { checkEvent } from './event-check.ts';

const unsigned = {
  id: '0191e5a0-1234-7abc-8def-0123456789ab', origin: 'dev_a', seq: 1, hlc: '000001700000000-0000-dev_a', actor: 'fire-1', type: 'task.created', entity: 't1',
  payload: { create: true as const, set: { title: 'x', location: { lon: 1, lat: 2 } }, summary: 'Task created: x', dept: 'fire' }, prevHash: '',
};
const good: OpsEvent = { ...unsigned, hash: eventHash(unsigned), sig: null };

describe('checkEvent', () => {
  it('accepts a well-formed event as it is', () => {
    expect(checkEvent(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, event: good });
  });

  it.each([
    ['not an object', 'x'],
    ['unknown field extra', { ...good, extra: 1 }],
    ['id: not a UUID', { ...good, id: 'nope' }],
    ['seq: not a whole number ≥ 1', { ...good, seq: 0 }],
    ['hlc: not an HLC timestamp', { ...good, hlc: 'yesterday' }],
    ['type: not <kind>.<event>', { ...good, type: 'Task Created' }],
    ['hash: not a SHA-256 hex digest', { ...good, hash: 'abc' }],
    ['sig: not a string or null', { ...good, sig: 5 }],
    ['payload.summary: not a string', { ...good, payload: { set: {} } }],
    ['payload.unknown field script', { ...good, payload: { ...good.payload, script: 'x' } }],
    ['payload.set: not an object of JSON values', { ...good, payload: { ...good.payload, set: { a: Number.NaN } } }],
    ['payload.add: not an object of string lists', { ...good, payload: { ...good.payload, add: { departments: [1] } } }],
    ['payload.resolve: not a list of field names', { ...good, payload: { ...good.payload, resolve: 'title' } }],
    ['payload.create: must be true when present', { ...good, payload: { ...good.payload, create: false } }],
  ])('rejects %s', (problem, raw) => {
    expect(checkEvent(raw)).toEqual({ ok: false, problem });
  });
});
