import { afterEach, describe, expect, it } from 'vitest';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

describe('outbox', () => {
  it('queues every local event in order until it is marked sent, and survives a restart (remote events are never queued: event-log.test)', async () => {
    env = testService({ seedUnits: [] });
    await env.as('fire-1')('log.append', { text: 'one' });
    await env.as('fire-1')('log.append', { text: 'two' });
    const { outbox } = env.service;
    const pending = outbox.pending();
    expect(pending.map((e) => e.payload.text)).toEqual(['one', 'two']);
    outbox.attempted([pending[0]!.id]);
    expect(outbox.markSent([pending[0]!.id])).toBe(1);
    expect(outbox.markSent([pending[0]!.id])).toBe(0);
    await env.service.close();
    env = testService({ deviceId: undefined, seedUnits: [] }, env.dir);
    expect(env.service.outbox.pending().map((e) => e.payload.text)).toEqual(['two']);
    expect(env.service.store.db.prepare('SELECT attempts, sent_at FROM outbox ORDER BY enqueued_at, rowid').all()).toEqual([
      { attempts: 1, sent_at: expect.any(Number) },
      { attempts: 0, sent_at: null },
    ]);
    expect(env.service.outbox.pendingCount()).toBe(1);
  });
});
