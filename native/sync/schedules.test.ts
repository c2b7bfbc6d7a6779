import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, startProxy } from '../mqtt/test-broker.ts';
import { runSchedule, type Schedule, type ScheduleHarness, type Step } from './schedule-runner.ts';

// `npm run soak` runs this file with many more schedules and other seeds (scripts/soak-sync.ts).
const runs = Number(process.env.POLDER_SYNC_SCHEDULES ?? 50);
const seed = Number(process.env.POLDER_SYNC_SEED ?? 1307);

const node = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), node }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), node, task: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), node, task: fc.nat(3), to: fc.constantFrom('in_progress' as const, 'blocked' as const, 'done' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cut' as const), node, mode: fc.constantFrom('blackhole' as const, 'reset' as const, 'delay' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heal' as const), node }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'kill' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 }) }) },
);
const schedule: fc.Arbitrary<Schedule> = fc.record({
  steps: fc.array(step, { minLength: 4, maxLength: 24 }),
  skewMs: fc.integer({ min: -120_000, max: 120_000 }),
});

const harness = {} as ScheduleHarness;
beforeAll(async () => {
  harness.broker = await startMosquitto();
  harness.proxies = await Promise.all([0, 1, 2].map(() => startProxy({ port: harness.broker.port })));
});
afterAll(async () => {
  await Promise.all(harness.proxies.map((p) => p.close()));
  await harness.broker.stop();
});

describe('three nodes under generated schedules of edits, partitions, broker kills and clock skew', () => {
  it(`converge to the same log and projections with every conflict recorded (${runs} schedules, seed ${seed})`, async () => {
    let n = 0;
    const total = { events: 0, collisions: 0, kills: 0 };
    await fc.assert(
      fc.asyncProperty(schedule, async (s) => {
        const r = await runSchedule(harness, s, `sched${seed}x${n++}`);
        total.events += r.events;
        total.collisions += r.collisions;
        total.kills += r.kills;
      }),
      { seed, numRuns: runs },
    );
    // The schedules did exercise what they claim to.
    expect(total.collisions).toBeGreaterThan(0);
    expect(total.kills).toBeGreaterThan(0);
    console.log(`sync schedules: ${n} runs, ${total.events} events written, ${total.collisions} concurrent edit pairs, ${total.kills} broker kills`);
  }, Math.max(600_000, runs * 10_000));
});
