import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../simulation/scenario/test-pack.ts';
import { PolderError } from '../api/errors.ts';
import { simPushes } from '../api/sim.ts';
import { createSimHandlers, type SimHandlers } from './handlers.ts';

let sim: SimHandlers | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

function setup() {
  const pushed: { event: string; payload: unknown }[] = [];
  sim = createSimHandlers({ resourcesDir: tmpdir(), defaultScenario: writeTestPack(), push: (event, payload) => pushed.push({ event, payload }) });
  const until = async (event: string) => {
    for (let i = 0; i < 600 && !pushed.some((p) => p.event === event); i++) await new Promise((r) => setTimeout(r, 25));
    const found = pushed.find((p) => p.event === event);
    if (!found) throw new Error(`no ${event} push`);
    return found.payload;
  };
  return { h: sim.handlers, pushed, until };
}

describe('sim handlers', () => {
  it('starts the default scenario, pushes map frames, progress and the end', async () => {
    const { h, pushed, until } = setup();
    const started = await h['sim.start']({ durationSeconds: 60, frameIntervalSeconds: 20 });
    expect(started).toMatchObject({ state: 'running', scenario: 'test-pack', durationSeconds: 60, scheme: 'inertial' });
    const finished = simPushes['sim.finished'].parse(await until('sim.finished'));
    expect(finished).toMatchObject({ outcome: 'completed', scenario: 'test-pack', simulatedSeconds: 60 });
    expect(finished.probes.map((p) => p.id)).toEqual(['p1', 'p2']);
    const frames = pushed.filter((p) => p.event === 'sim.frame').map((p) => simPushes['sim.frame'].parse(p.payload));
    expect(frames.map((f) => Math.round(f.time))).toEqual([20, 40, 60]);
    expect(frames[2]).toMatchObject({ width: 10, height: 8, cellsPerPixel: 1 });
    expect(frames[2]!.wetCells).toBeGreaterThan(0);
    expect(Buffer.from(frames[2]!.image.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(pushed.some((p) => p.event === 'sim.progress')).toBe(true);
    expect(await h['sim.status']({})).toMatchObject({ state: 'idle', time: 60 });
  });

  it('applies edits, refuses a second start and bad edits, and stops', async () => {
    const { h, until } = setup();
    await h['sim.start']({ durationSeconds: 1e6, frameIntervalSeconds: 10 });
    await expect(h['sim.start']({ frameIntervalSeconds: 10 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(h['sim.edit']({ edit: { kind: 'addPump', id: 'p', x: 300015, y: 6000005, capacity: 1, dischargeTo: null } })).resolves.toEqual({ ok: true });
    const bad = h['sim.edit']({ edit: { kind: 'removeBarrier', id: 'none' } });
    await expect(bad).rejects.toBeInstanceOf(PolderError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/no barrier none/) });
    const stopped = await h['sim.stop']({});
    expect(stopped.state).toBe('idle');
    expect(simPushes['sim.finished'].parse(await until('sim.finished')).outcome).toBe('stopped');
    await expect(h['sim.edit']({ edit: { kind: 'removePump', id: 'p' } })).rejects.toMatchObject({ code: 'illegal_transition' });
  });

  it('reports a scenario that cannot load', async () => {
    const { h } = setup();
    await expect(h['sim.start']({ scenario: '/no/such/pack', frameIntervalSeconds: 10 })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no such folder/) });
    expect((await h['sim.status']({})).state).toBe('idle');
  });
});
