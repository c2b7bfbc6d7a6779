import { describe, expect, it } from 'vitest';
import { createValueStore } from './value-store.ts';

describe('createValueStore', () => {
  it('tells its listeners once for a burst of changes, when the schedule runs, with the latest value', () => {
    const queued: (() => void)[] = [];
    const store = createValueStore(0, (run) => queued.push(run));
    const heard: number[] = [];
    const off = store.subscribe(() => heard.push(store.get()));
    for (let i = 1; i <= 100; i++) store.set(i);
    expect(store.get()).toBe(100);
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(heard).toEqual([100]);
    store.set(100);
    expect(queued).toHaveLength(0);
    off();
    store.set(101);
    queued.shift()!();
    expect(heard).toEqual([100]);
  });
});
