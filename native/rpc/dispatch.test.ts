import { demoPin } from '../identity/demo-pin.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, pushes, publicPushes, type Method, type PushEvent } from '../api/index.ts';
import type { PolderApp } from '../app.ts';
import type { Session } from './handlers.ts';
import { call, testApp } from './test-app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let app: PolderApp;
beforeAll(async () => {
  t = await testApp();
  app = t.app;
});
afterAll(async () => {
  await t.close();
});

const allMethods = Object.keys(methods) as Method[];
const accessOf = (m: Method) => methods[m].access as (typeof methods)[Method]['access'];
const rightsChecked = allMethods.filter((m) => typeof accessOf(m) === 'object');

async function codeOf(method: Method, session: Session, args: unknown = {}): Promise<string | null> {
  const result = await app.dispatch(method, args, { session });
  return result.ok ? null : result.error.code;
}

describe('the dispatcher enforces every method’s access', () => {
  it('declares an access level for every method', () => {
    for (const m of allMethods) expect(['anyone', 'signedIn', 'object'], m).toContain(typeof accessOf(m) === 'object' ? 'object' : accessOf(m));
    expect(rightsChecked.length).toBeGreaterThan(10);
  });

  it.each(allMethods.filter((m) => accessOf(m) !== 'anyone'))('refuses %s to a session that has not signed in, before looking at the arguments', async (method) => {
    const result = await app.dispatch(method, { surprise: 'x'.repeat(10) }, { session: t.session(null) });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining(method) } });
  });

  it.each(allMethods.filter((m) => accessOf(m) !== 'anyone'))('refuses %s to a session whose person left the directory', async (method) => {
    expect(await codeOf(method, t.session('nobody-here'))).toBe('unauthenticated');
  });

  it.each(rightsChecked)('refuses %s to an observer (forbidden)', async (method) => {
    expect(await codeOf(method, t.session('observer'))).toBe('forbidden');
  });

  it('lets a session that has not signed in call only what the sign-in page needs', async () => {
    const open = allMethods.filter((m) => accessOf(m) === 'anyone').sort();
    // replay.state: the REPLAY banner (its time and window) shows on the sign-in page too
    expect(open).toEqual(['actors.list', 'app.info', 'departments.list', 'replay.state', 'session.current', 'session.login', 'session.logout', 'session.policy']);
    const signedOut = t.session(null);
    expect(await call(app, signedOut, 'actors.list', {})).not.toHaveLength(0);
    const info = await call(app, signedOut, 'app.info', {});
    expect(info.dataDir).toBeNull();
    await call(app, signedOut, 'session.login', { actorId: 'fire-1', secret: demoPin });
    expect((await call(app, signedOut, 'app.info', {})).dataDir).toEqual(expect.any(String));
  });

  it('refuses members sim.start, sim.stop, sim.edit (forbidden) but lets them read scenario and results', async () => {
    const member = t.session('fire-1');
    expect(await codeOf('sim.start', member, { durationSeconds: 5 })).toBe('forbidden');
    expect(await codeOf('sim.stop', member)).toBe('forbidden');
    expect(await codeOf('sim.edit', member, { edit: { kind: 'removePump', id: 'p' } })).toBe('forbidden');
    expect(await codeOf('sim.status', member)).toBeNull();
    expect(await codeOf('sim.results', member, {})).toBeNull();
    expect(await codeOf('scenario.grid', member)).toBeNull();
  });
});

describe('simulation runs', () => {
  it('are stopped or edited only by their starter or an EOC lead', async () => {
    const fireLead = t.session('fire-lead');
    const started = await call(app, fireLead, 'sim.start', { durationSeconds: 40_000, frameIntervalSeconds: 3600 });
    expect(started.state).toBe('running');
    const pump = { edit: { kind: 'addPump', id: 'p1', x: 300005, y: 6000005, capacity: 0.5 } } as const;
    for (const other of ['police-lead', 'eoc-1']) {
      expect(await codeOf('sim.stop', t.session(other)), other).toBe('forbidden');
      expect(await codeOf('sim.edit', t.session(other), pump), other).toBe('forbidden');
    }
    const refused = await app.dispatch('sim.stop', {}, { session: t.session('police-lead') });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Tom Brennan started it/) } });
    expect((await call(app, t.session('fire-lead'), 'sim.status', {})).state).toBe('running');
    await call(app, fireLead, 'sim.edit', pump);
    expect((await call(app, t.session('eoc-lead'), 'sim.stop', {})).state).toBe('idle');
  });

  it('are started only from the packs the app ships, by name', async () => {
    const lead = t.session('eoc-lead');
    const asPath = await app.dispatch('sim.start', { scenario: '/etc' }, { session: lead });
    expect(asPath).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringMatching(/scenario: a scenario pack name/) } });
    const unknown = await app.dispatch('sim.start', { scenario: 'etc' }, { session: lead });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No scenario pack named "etc" (known: merewether-2007)' } });
  });

  it('refuses arguments out of bounds with the field and the limit', async () => {
    const lead = t.session('eoc-lead');
    const cases: [unknown, RegExp][] = [
      [{ durationSeconds: 5, frameIntervalSeconds: 1e-6 }, /frameIntervalSeconds: .*>=1/],
      [{ durationSeconds: 1e9 }, /durationSeconds: .*<=172800/],
      [{ durationSeconds: 86_400, frameIntervalSeconds: 1 }, /frameIntervalSeconds: at most 10000 frames per run/],
      [{ threads: 64 }, /threads: .*<=16/],
    ];
    for (const [args, why] of cases) {
      const result = await app.dispatch('sim.start', args, { session: lead });
      expect(result, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringMatching(why) } });
    }
    const bigPump = await app.dispatch('sim.edit', { edit: { kind: 'addPump', id: 'p', x: 0, y: 0, capacity: 1e9 } }, { session: lead });
    expect(bigPump).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringMatching(/edit.capacity: .*<=500/) } });
  });
});

describe('push audience', () => {
  it('gives a session that has not signed in only the public pushes', () => {
    const signedOut = t.session(null);
    const signedIn = t.session('fire-1');
    for (const event of Object.keys(pushes) as PushEvent[]) {
      expect(app.mayReceive(signedOut, event), event).toBe((publicPushes as readonly string[]).includes(event));
      expect(app.mayReceive(signedIn, event), event).toBe(true);
    }
    expect(app.mayReceive(t.session('nobody-here'), 'timeline.appended')).toBe(false);
  });
});
