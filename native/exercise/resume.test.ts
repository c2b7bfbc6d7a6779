// An exercise restarted on its data folder goes on from the log: nothing planned or delivered twice,
// and the clock back where the last delivery left it.
import { afterEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../clock/virtual-clock.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { silentLogger } from '../logger.ts';
import { testService } from '../ops/test-service.ts';
import { parseMsel } from './msel.ts';
import { startExerciseRunner } from './runner.ts';

const opened: ReturnType<typeof testService>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

describe('a restarted exercise', () => {
  it('keeps its plan and deliveries and resumes at its last delivery', async () => {
    const env = testService();
    opened.push(env);
    const start = env.clock.now();
    const msel = parseMsel('Event number,Scenario time,Delivery method,To,Synopsis\n1,00:00,message,EOC,Warning upgraded\n2,02:00,message,Police,Crowd at the bridge\n3,05:00,message,Fire & Rescue,Cars swept', {
      departments: demoRoster().departments,
      sensors: [],
      start,
    });
    const run = () => {
      const clock = virtualClock({ source: env.clock, start, mode: 'exercise' });
      const runner = startExerciseRunner({ exerciseId: 'resume', msel, clock, ops: env.service, logger: silentLogger(), readings: { receive: () => expect.fail('no sensor injects'), latestValue: () => null }, changed: () => {} });
      return { clock, runner };
    };
    const first = run();
    first.clock.seek(start + 3 * 3_600_000);
    expect(first.runner.state().injects.map((i) => [i.number, i.status, i.deliveredAt])).toEqual([
      ['1', 'delivered', start],
      ['2', 'delivered', start + 3 * 3_600_000],
      ['3', 'pending', null],
    ]);
    first.runner.close();

    const second = run();
    expect(second.clock.now()).toBe(start + 3 * 3_600_000);
    expect(second.runner.state().injects.map((i) => i.status)).toEqual(['delivered', 'delivered', 'pending']);
    const count = (type: string) => env.service.store.db.prepare<[string], number>('SELECT count(*) FROM events WHERE type = ?').pluck().get(type);
    expect([count('inject.planned'), count('inject.delivered')]).toEqual([3, 2]);
    second.clock.seek(start + 5 * 3_600_000);
    expect(second.runner.state().injects.map((i) => i.status)).toEqual(['delivered', 'delivered', 'delivered']);
    second.runner.close();
  });
});
