import { describe, expect, it } from 'vitest';
import type { ForecastArgs } from './forecast-service.ts';
import { createReadingTrigger } from './reading-trigger.ts';

describe('forecasts on new readings', () => {
  it('the first reading runs a forecast at once with its poll; the readings of the window after it run one more, fed with the latest of each; a stream does not hold it off', () => {
    const timers: { fn: () => void; ms: number; live: boolean }[] = [];
    const runs: ForecastArgs[] = [];
    const trigger = createReadingTrigger({
      run: (args) => runs.push(args),
      base: { aheadMinutes: 60, members: 1, from: 'current', basis: 'persistence' },
      windowMs: 2000,
      settleMs: 100,
      setTimer: (fn, ms) => {
        const t = { fn, ms, live: true };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => void ((t as { live: boolean }).live = false),
    });
    const due = () => {
      const live = timers.filter((t) => t.live);
      expect(live).toHaveLength(1);
      live[0]!.live = false;
      return live[0]!;
    };
    // one poll: the first reading waits only for the rest of it
    trigger.reading({ kind: 'inflow', inflow: 'creek', discharge: 12 });
    trigger.reading({ kind: 'rain', intensity: 40 });
    trigger.reading({ kind: 'level', gauge: 'g-inlet', x: 1, y: 2, depth: 0.4 });
    expect(runs).toHaveLength(0);
    const settle = due();
    expect(settle.ms).toBe(100);
    settle.fn();
    expect(runs).toEqual([
      {
        aheadMinutes: 60, members: 1, from: 'current', basis: 'persistence',
        inflows: { creek: { times: [0], values: [12] } },
        rain: { times: [0], values: [40] },
        observations: [{ id: 'g-inlet', x: 1, y: 2, depth: 0.4 }],
      },
    ]);
    // readings during the window join one forecast at its end rather than restart it
    trigger.reading({ kind: 'inflow', inflow: 'creek', discharge: 15 });
    trigger.reading({ kind: 'inflow', inflow: 'creek', discharge: 19 });
    expect(runs).toHaveLength(1);
    const window = due();
    expect(window.ms).toBe(2000);
    window.fn();
    expect(runs).toHaveLength(2);
    // the flows and rain persist into the next forecast; a level is used once
    expect(runs[1]).toMatchObject({ inflows: { creek: { values: [19] } }, rain: { values: [40] } });
    expect(runs[1]!.observations).toBeUndefined();
    // a window without readings ends quietly; the next reading runs at once again
    due().fn();
    expect(runs).toHaveLength(2);
    expect(timers.filter((t) => t.live)).toHaveLength(0);
    trigger.reading({ kind: 'rain', intensity: 10 });
    due().fn();
    expect(runs[2]).toMatchObject({ inflows: { creek: { values: [19] } }, rain: { values: [10] } });
    trigger.close();
  });
});
