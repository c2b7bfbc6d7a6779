import { describe, expect, it } from 'vitest';
import type { ForecastArgs } from './forecast-service.ts';
import { createReadingTrigger } from './reading-trigger.ts';

describe('forecasts on new readings', () => {
  it('the readings of one window run one forecast fed with the latest of each; a stream does not hold it off', () => {
    const timers: { fn: () => void; ms: number; live: boolean }[] = [];
    const runs: ForecastArgs[] = [];
    const trigger = createReadingTrigger({
      run: (args) => runs.push(args),
      base: { aheadMinutes: 60, members: 1, from: 'current', basis: 'persistence' },
      windowMs: 2000,
      setTimer: (fn, ms) => {
        const t = { fn, ms, live: true };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => void ((t as { live: boolean }).live = false),
    });
    trigger.reading({ kind: 'inflow', inflow: 'creek', discharge: 12 });
    trigger.reading({ kind: 'rain', intensity: 40 });
    trigger.reading({ kind: 'inflow', inflow: 'creek', discharge: 19 });
    trigger.reading({ kind: 'level', gauge: 'g-inlet', x: 1, y: 2, depth: 0.4 });
    expect(runs).toHaveLength(0);
    // the first reading opens the window; the later ones join it rather than restart it
    expect(timers).toHaveLength(1);
    const live = timers.filter((t) => t.live);
    expect(live).toHaveLength(1);
    expect(live[0]!.ms).toBe(2000);
    live[0]!.fn();
    expect(runs).toEqual([
      {
        aheadMinutes: 60, members: 1, from: 'current', basis: 'persistence',
        inflows: { creek: { times: [0], values: [19] } },
        rain: { times: [0], values: [40] },
        observations: [{ id: 'g-inlet', x: 1, y: 2, depth: 0.4 }],
      },
    ]);
    // the flows and rain persist into the next forecast; a level is used once
    trigger.reading({ kind: 'rain', intensity: 10 });
    timers.filter((t) => t.live).at(-1)!.fn();
    expect(runs[1]).toMatchObject({ inflows: { creek: { values: [19] } }, rain: { values: [10] } });
    expect(runs[1]!.observations).toBeUndefined();
    trigger.close();
  });
});
