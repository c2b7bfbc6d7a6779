import { afterEach, describe, expect, it } from 'vitest';
import { startServeChild, type ServeChild } from './serve-child.ts';

let served: ServeChild | null = null;
afterEach(async () => {
  await served?.stop();
  served = null;
});

describe('the attack harness', () => {
  it('starts a real polder serve on loopback that answers with the token and refuses without it', async () => {
    served = await startServeChild();
    expect(new URL(served.url).hostname).toBe('127.0.0.1');
    expect(await served.alive()).toBe(true);
    const refused = await fetch(`${served.origin}/`);
    expect(refused.status).toBe(401);
    await served.stop();
    expect(served.child.signalCode).toBe('SIGKILL');
  });
});
