// Issue 11 item 6 replayed against a real `polder serve`: bounds where input enters, and what a
// socket that has not signed in may see.
import { demoPin } from '../../identity/demo-pin.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeChild, type ServeChild } from './serve-child.ts';
import { connect, outcome, type AttackClient } from './ws-client.ts';

let served: ServeChild;
let lead: AttackClient;

/** A closed ring of `points` positions around Newcastle (NSW). */
function ring(points: number): [number, number][] {
  const coordinates = Array.from({ length: points - 1 }, (_, k): [number, number] => {
    const a = (2 * Math.PI * k) / (points - 1);
    return [Number((151.7 + 0.01 * Math.cos(a)).toFixed(5)), Number((-32.93 + 0.01 * Math.sin(a)).toFixed(5))];
  });
  return [...coordinates, coordinates[0]!];
}

const alert = (area: unknown, title = 'Levee breach') => ({ source: 'field', title, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', area });

async function alertCount(): Promise<{ count: number; bytes: number }> {
  const listed = await lead.call('alerts.list', { status: 'all' });
  if (!listed.ok) throw new Error(listed.error.message);
  return { count: (listed.value as unknown[]).length, bytes: JSON.stringify(listed.value).length };
}

beforeAll(async () => {
  served = await startServeChild();
  lead = await connect(served);
  expect(outcome(await lead.call('session.login', { actorId: 'eoc-lead', secret: demoPin }))).toBe('ok');
}, 60_000);

afterAll(async () => {
  lead?.close();
  await served?.stop();
});

describe('bounds against a real serve child', () => {
  it('refuses a 500 000-point alert area (its socket closed at the message cap) and a 150 000-point one with a message a person understands, and stores nothing', async () => {
    const before = await alertCount();
    const attacker = await connect(served);
    const closed = new Promise<void>((resolve) => attacker.onClose(resolve));
    void attacker.call('alerts.raise', alert({ type: 'Polygon', coordinates: [ring(500_000)] })).catch(() => undefined);
    await closed;
    const large = await lead.call('alerts.raise', alert({ type: 'Polygon', coordinates: [ring(150_000)] }));
    expect(large).toMatchObject({ ok: false, error: { code: 'invalid_args', message: 'alerts.raise: area.coordinates.0: An alert area may have at most 10,000 points; this one has 150,000: simplify it' } });
    const justOver = await lead.call('alerts.raise', alert({ type: 'MultiPolygon', coordinates: [[ring(5_001)], [ring(5_001)]] }));
    expect(justOver).toMatchObject({ ok: false, error: { message: expect.stringContaining('An alert area may have at most 10,000 points; this one has 10,002: simplify it') } });
    expect(await alertCount()).toEqual(before);
    expect(await served.alive()).toBe(true);
  }, 60_000);

  it('accepts an area within the bound, and alerts.list stays small', async () => {
    expect(outcome(await lead.call('alerts.raise', alert({ type: 'Polygon', coordinates: [ring(2_000)] }, 'Drawn flood extent')))).toBe('ok');
    const { count, bytes } = await alertCount();
    expect(count).toBe(1);
    expect(bytes).toBeLessThan(100_000);
  });

  it('refuses oversized texts and lists', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const attempts: [string, unknown][] = [
      ['alerts.raise', alert(null, megabyte)],
      ['log.append', { text: megabyte }],
      ['tasks.create', { title: 'Pump station', department: 'works', description: megabyte }],
      ['incidents.create', { name: 'Flood', departments: Array.from({ length: 10_000 }, (_, k) => `d${k}`) }],
      ['board.query', { text: megabyte }],
      ['session.login', { actorId: megabyte, secret: demoPin }],
    ];
    for (const [method, args] of attempts) expect(outcome(await lead.call(method, args)), method).toBe('invalid_args');
    expect((await alertCount()).count).toBe(1);
  });

  it('survives a frame over the size limit: that socket closes, the host answers the others', async () => {
    const attacker = await connect(served);
    const closed = new Promise<void>((resolve) => attacker.onClose(resolve));
    attacker.send('x'.repeat(17 * 1024 * 1024));
    await closed;
    expect(await served.alive()).toBe(true);
    expect(outcome(await lead.call('sim.status', {}))).toBe('ok');
  });

  it('gives a socket that has not signed in only what the sign-in page needs', async () => {
    const stranger = await connect(served);
    try {
      const info = await stranger.call('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { dataDir: null } });
      expect(JSON.stringify(info)).not.toContain(served.dataDir);
      expect(outcome(await stranger.call('storage.status', {}))).toBe('unauthenticated');
      expect(outcome(await stranger.call('timeline.query', {}))).toBe('unauthenticated');
      expect(outcome(await stranger.call('alerts.list', {}))).toBe('unauthenticated');

      const note = 'Secret: evacuate the hospital through the north gate';
      const seen = lead.pushes.length;
      expect(outcome(await lead.call('log.append', { text: note }))).toBe('ok');
      expect(outcome(await lead.call('alerts.raise', alert(null, 'Second alert')))).toBe('ok');
      for (let i = 0; i < 100 && !lead.pushes.slice(seen).some((p) => p.event === 'alerts.changed'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(lead.pushes.slice(seen).map((p) => p.event)).toEqual(expect.arrayContaining(['timeline.appended', 'alerts.changed']));
      // Pushes go out in order on one fan-out, so the stranger has had its chance at the same ones.
      await new Promise((r) => setTimeout(r, 200));
      expect(new Set(stranger.pushes.map((p) => p.event))).toEqual(new Set(stranger.pushes.length ? ['app.clock'] : []));
      expect(JSON.stringify(stranger.pushes)).not.toContain('Secret');
    } finally {
      stranger.close();
    }
    expect(await served.alive()).toBe(true);
  });
});
