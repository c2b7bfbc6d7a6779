import { afterEach, describe, expect, it } from 'vitest';
import type { Invoke } from '../api/index.ts';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

const levee: Invoke['alerts.raise'][0] = { source: 'field', title: 'Levee breach at Tighes Hill', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed', area: { type: 'Point', coordinates: [151.7512, -32.9071] } };

describe('alerts.raise groups duplicates', () => {
  it('two Extreme alerts with the same title and place, 38 s apart, are one alert reported twice', async () => {
    env = testService();
    const first = await env.as('fire-1')('alerts.raise', levee);
    env.clock.advance(38_000);
    const again = await env.as('police-1')('alerts.raise', { ...levee, title: '  levee breach at  Tighes Hill ', area: { type: 'Point', coordinates: [151.751200001, -32.9071] } });
    expect(again).toMatchObject({ deduplicated: true, alert: { id: first.alert.id, occurrences: 2 } });
    expect(await env.as('eoc-lead')('alerts.list', {})).toEqual([expect.objectContaining({ id: first.alert.id, occurrences: 2 })]);
  });

  it('keeps apart what differs in place, severity or has no place to compare, and what is already closed', async () => {
    env = testService();
    const raise = env.as('fire-lead');
    await raise('alerts.raise', levee);
    await raise('alerts.raise', { ...levee, area: { type: 'Point', coordinates: [151.76, -32.9071] } });
    await raise('alerts.raise', { ...levee, severity: 'Severe' });
    await raise('alerts.raise', { ...levee, area: null });
    await raise('alerts.raise', { ...levee, area: null });
    expect(await raise('alerts.list', {})).toHaveLength(5);
    const grouped = await raise('alerts.raise', levee);
    await raise('alerts.resolve', { alertId: grouped.alert.id });
    expect(await raise('alerts.raise', levee)).toMatchObject({ deduplicated: false });
  });
});
