import { describe, expect, it } from 'vitest';
import type { Invoke, Method } from '../../../native/api/index.ts';
import { shareInFlight } from './in-flight.ts';

/** A host whose answers wait until `answer` is called, recording every request it gets. */
function slowHost() {
  const requests: string[] = [];
  const waiting: (() => void)[] = [];
  const call = <M extends Method>(method: M, args: Invoke[M][0]) => {
    requests.push(`${method} ${JSON.stringify(args)}`);
    return new Promise<Invoke[M][1]>((resolve, reject) => {
      waiting.push(() => ((args as { limit?: number }).limit === 0 ? reject(new Error('refused')) : resolve([] as never)));
    });
  };
  return { requests, call, answer: () => waiting.splice(0).forEach((f) => f()) };
}

describe('shareInFlight', () => {
  it('sends identical reads made while one is out once, and both get its answer', async () => {
    const host = slowHost();
    const read = shareInFlight(host.call);
    const a = read('timeline.query', { limit: 5 });
    const b = read('timeline.query', { limit: 5 });
    const c = read('timeline.query', { limit: 6 });
    expect(a).toBe(b);
    host.answer();
    expect(await a).toEqual([]);
    await c;
    expect(host.requests).toEqual(['timeline.query {"limit":5}', 'timeline.query {"limit":6}']);
  });

  it('asks again once the first answer is in, and after a failure', async () => {
    const host = slowHost();
    const read = shareInFlight(host.call);
    const failing = read('timeline.query', { limit: 0 });
    host.answer();
    await expect(failing).rejects.toThrow('refused');
    const again = read('timeline.query', { limit: 0 });
    expect(again).not.toBe(failing);
    host.answer();
    await expect(again).rejects.toThrow('refused');
    const fresh = read('timeline.query', { limit: 1 });
    host.answer();
    await fresh;
    read('timeline.query', { limit: 1 });
    expect(host.requests).toHaveLength(4);
  });
});
