import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only.ts';

function deferred() {
  const calls: { arg: string; resolve(v: string): void; reject(e: Error): void }[] = [];
  const task = (arg: string) => new Promise<string>((resolve, reject) => calls.push({ arg, resolve, reject }));
  return { calls, task };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('runs one at a time and, after it, only the newest of the requests that came meanwhile', async () => {
    const { calls, task } = deferred();
    const results: string[] = [];
    const latest = latestOnly(task, (r) => results.push(r), () => {});
    latest.request('a');
    latest.request('b');
    latest.request('c');
    expect(calls.map((c) => c.arg)).toEqual(['a']);
    calls[0]!.resolve('A');
    await tick();
    expect(calls.map((c) => c.arg)).toEqual(['a', 'c']);
    calls[1]!.resolve('C');
    await tick();
    expect(results).toEqual(['A', 'C']);
    latest.request('d');
    expect(calls.map((c) => c.arg)).toEqual(['a', 'c', 'd']);
  });

  it('reports failures and carries on; drops everything once closed', async () => {
    const { calls, task } = deferred();
    const results: string[] = [];
    const errors: string[] = [];
    const latest = latestOnly(task, (r) => results.push(r), (e) => errors.push(e.message));
    latest.request('a');
    calls[0]!.reject(new Error('host gone'));
    await tick();
    expect(errors).toEqual(['host gone']);
    latest.request('b');
    latest.request('c');
    latest.close();
    calls[1]!.resolve('B');
    await tick();
    latest.request('d');
    expect(results).toEqual([]);
    expect(calls.map((c) => c.arg)).toEqual(['a', 'b']);
  });
});
