import { describe, expect, it } from 'vitest';
import { gaugeSkill } from './gauge-skill.ts';

describe('gauge skill', () => {
  it('bias and RMSE per gauge over the last hour only', () => {
    const hour = 3_600_000;
    const now = 10 * hour;
    const skill = gaugeSkill(
      [
        { gauge: 'g1', time: now - 2 * hour, observed: 0, modelled: 5 }, // older than the hour: left out
        { gauge: 'g1', time: now - 30 * 60_000, observed: 1.0, modelled: 1.2 },
        { gauge: 'g1', time: now - 10 * 60_000, observed: 1.0, modelled: 0.8 },
        { gauge: 'g1', time: now, observed: 1.1, modelled: 1.4 },
        { gauge: 'g2', time: now - 2 * hour, observed: 1, modelled: 1 },
        { gauge: 'g3', time: now - 60_000, observed: 2, modelled: Number.NaN },
      ],
      now,
    );
    expect(skill.map((s) => s.gauge)).toEqual(['g1', 'g2', 'g3']);
    const g1 = skill[0]!;
    expect(g1.n).toBe(3);
    expect(g1.bias).toBeCloseTo((0.2 - 0.2 + 0.3) / 3, 9);
    expect(g1.rmse).toBeCloseTo(Math.sqrt((0.04 + 0.04 + 0.09) / 3), 9);
    expect(skill[1]).toEqual({ gauge: 'g2', n: 0, bias: null, rmse: null });
    expect(skill[2]).toEqual({ gauge: 'g3', n: 0, bias: null, rmse: null });
  });
});
