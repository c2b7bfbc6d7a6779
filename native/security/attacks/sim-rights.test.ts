// Issue 11 item 2 replayed against a real `polder serve`: simulation methods without rights or limits.
import { demoPin } from '../../identity/demo-pin.ts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeChild, type ServeChild } from './serve-child.ts';
import { connect, outcome, type AttackClient } from './ws-client.ts';

let served: ServeChild;
let lead: AttackClient;
let signedOut: AttackClient;
let observer: AttackClient;
let member: AttackClient;

/** Resident memory of the serve child (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? NaN) / 1024;
}

async function signedInAs(actorId: string): Promise<AttackClient> {
  const client = await connect(served);
  expect(outcome(await client.call('session.login', { actorId, secret: demoPin }))).toBe('ok');
  return client;
}

async function simState(): Promise<string> {
  const status = await lead.call('sim.status', {});
  return status.ok ? (status.value as { state: string }).state : `error ${status.error.code}`;
}

beforeAll(async () => {
  served = await startServeChild();
  lead = await signedInAs('fire-lead');
  observer = await signedInAs('observer');
  member = await signedInAs('fire-1');
  signedOut = await connect(served);
}, 60_000);

afterAll(async () => {
  for (const client of [lead, observer, member, signedOut]) client?.close();
  await served?.stop();
});

describe('simulation methods against a real serve child', () => {
  it('refuses a run of a million frames from a socket that never signed in, and from anyone, without growing', async () => {
    const before = rssMiB(served.child.pid!);
    const flood = { durationSeconds: 5, frameIntervalSeconds: 1e-6 };
    expect(await signedOut.call('sim.start', flood)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await lead.call('sim.start', flood)).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringMatching(/frameIntervalSeconds/) } });
    expect(await lead.call('sim.start', { durationSeconds: 1e9 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await simState()).toBe('idle');
    expect(await served.alive()).toBe(true);
    expect(rssMiB(served.child.pid!) - before).toBeLessThan(100);
  });

  it('does not tell whether a folder exists, and runs only the packs the app ships', async () => {
    const etc = await lead.call('sim.start', { scenario: '/etc' });
    const nowhere = await lead.call('sim.start', { scenario: '/no/such/folder' });
    expect(etc).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(nowhere.ok ? null : nowhere.error).toEqual(etc.ok ? null : etc.error);
    expect(await lead.call('sim.start', { scenario: '../../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await lead.call('sim.start', { scenario: 'etc' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('known: merewether-2007') } });
    expect(await simState()).toBe('idle');
  });

  it('lets neither a signed-out socket, an observer nor another department stop or change the lead’s run', async () => {
    const started = await lead.call('sim.start', { durationSeconds: 7200, frameIntervalSeconds: 600, threads: 1 });
    expect(outcome(started)).toBe('ok');
    const police = await signedInAs('police-lead');
    try {
      const hugePump = { edit: { kind: 'addPump', id: 'evil', x: 385_000, y: 6_355_000, capacity: 1e9 } };
      const pump = { edit: { kind: 'addPump', id: 'evil', x: 385_000, y: 6_355_000, capacity: 5 } };
      expect(outcome(await signedOut.call('sim.stop', {}))).toBe('unauthenticated');
      expect(outcome(await signedOut.call('sim.edit', hugePump))).toBe('unauthenticated');
      expect(outcome(await observer.call('sim.stop', {}))).toBe('forbidden');
      expect(outcome(await observer.call('sim.edit', pump))).toBe('forbidden');
      expect(outcome(await member.call('sim.stop', {}))).toBe('forbidden');
      expect(outcome(await member.call('sim.start', {}))).toBe('forbidden');
      expect(outcome(await police.call('sim.stop', {}))).toBe('forbidden');
      expect(outcome(await police.call('sim.edit', pump))).toBe('forbidden');
      expect(outcome(await lead.call('sim.edit', hugePump))).toBe('invalid_args');
      expect(['running', 'loading']).toContain(await simState());
      expect(outcome(await signedOut.call('scenario.layers', {}))).toBe('unauthenticated');
      expect(outcome(await signedOut.call('sim.results', {}))).toBe('unauthenticated');
    } finally {
      police.close();
      expect(outcome(await lead.call('sim.stop', {}))).toBe('ok');
    }
    expect(await simState()).toBe('idle');
    expect(await served.alive()).toBe(true);
  }, 120_000);
});
