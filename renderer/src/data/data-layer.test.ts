import { describe, expect, it } from 'vitest';
import type { Invoke, Method, Push, PushEvent } from '../../../native/api/index.ts';
import type { Board } from '../../../native/api/ops.ts';
import { createDataLayer } from './data-layer.ts';
import { shareInFlight } from './in-flight.ts';

/** A bridge that records subscriptions and requests and answers reads with empty results. */
function fakeBridge() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const requests: string[] = [];
  const answers: Partial<Record<Method, unknown>> = {
    'alerts.query': { seq: 0, alerts: [] },
    'alerts.rows': { rows: [], gone: [] },
    'timeline.query': [],
    'board.query': { now: 0, seq: 0, closedStatuses: ['done', 'cancelled'], lanes: [] } satisfies Board,
    'board.rows': { now: 0, rows: [], gone: [] },
    'sensors.list': [],
    'sensors.latest': [],
    'sensors.health': { counts: { received: 0, accepted: 0, quarantined: 0 }, sensors: [], retention: { rawDays: 30, summaryDays: 730 } },
    'reports.groups': { groups: [], counts: { received: 0, accepted: 0, quarantined: 0 }, mayReview: false },
  };
  return {
    requests,
    subscriptions: (event: PushEvent) => listeners.get(event)?.size ?? 0,
    push<E extends PushEvent>(event: E, payload: Push[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    invoke<M extends Method>(method: M, _args: Invoke[M][0]): Promise<Invoke[M][1]> {
      requests.push(method);
      return Promise.resolve(answers[method] as Invoke[M][1]);
    },
    subscribe<E extends PushEvent>(event: E, listener: (payload: Push[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the data layer of a window', () => {
  it('subscribes once to each push however many panels read its stores, and unsubscribes on leaving', async () => {
    const bridge = fakeBridge();
    const layer = createDataLayer(shareInFlight(bridge.invoke));
    const off = layer.listen(bridge);
    layer.reload();
    const board = layer.boards.acquire({ includeClosed: true });
    const map = layer.boards.acquire({ includeClosed: true });
    const filtered = layer.boards.acquire({ includeClosed: false });
    for (const event of ['alerts.changed', 'timeline.appended', 'tasks.changed', 'app.clock', 'sensors.readings', 'sensors.changed'] as const) expect(bridge.subscriptions(event)).toBe(1);
    await settle();
    // The board panel and the map ask for the same board: one query serves both.
    expect(bridge.requests.filter((m) => m === 'board.query')).toHaveLength(2);
    expect(board.store).toBe(map.store);
    bridge.push('tasks.changed', { ids: ['t1'], seq: 1 });
    await settle();
    expect(bridge.requests.filter((m) => m === 'board.rows')).toHaveLength(2);
    board.release();
    map.release();
    filtered.release();
    off();
    for (const event of ['alerts.changed', 'timeline.appended', 'tasks.changed', 'app.clock', 'sensors.readings', 'sensors.changed', 'reports.changed'] as const) expect(bridge.subscriptions(event)).toBe(0);
  });

  it('patches alerts from a numbered push with one alerts.rows, and reloads everything after a gap', async () => {
    const bridge = fakeBridge();
    const layer = createDataLayer(shareInFlight(bridge.invoke));
    layer.listen(bridge);
    layer.reload();
    layer.reload(); // a reconnection while the first queries are still out: shared, not sent twice
    await settle();
    expect(bridge.requests.sort()).toEqual(['alerts.query', 'reports.groups', 'sensors.health', 'sensors.latest', 'sensors.list', 'timeline.query']);
    expect(layer.alerts.get()).toEqual({ all: [], error: null });
    bridge.push('alerts.changed', { ids: ['a1'], seq: 1 });
    await settle();
    expect(bridge.requests.filter((m) => m.startsWith('alerts.'))).toEqual(['alerts.query', 'alerts.rows']);
    bridge.push('alerts.changed', { ids: ['a2'], seq: 3 });
    await settle();
    expect(bridge.requests.filter((m) => m.startsWith('alerts.'))).toEqual(['alerts.query', 'alerts.rows', 'alerts.query']);
  });
});
