import { describe, expect, it } from 'vitest';
import { createSendGate } from './send-gate.ts';

describe('createSendGate', () => {
  it('sends at once when idle; while one is on its way, keeps only the newest waiting and always sends the last', () => {
    const sent: number[] = [];
    const done: (() => void)[] = [];
    const gate = createSendGate<number>((message, finished) => {
      sent.push(message);
      done.push(finished);
    });
    gate.offer(1);
    expect(sent).toEqual([1]);
    for (let k = 2; k <= 50; k++) gate.offer(k);
    expect(sent).toEqual([1]);
    expect(gate.pending).toBe(2);
    done.shift()!();
    expect(sent).toEqual([1, 50]);
    gate.offer(51);
    done.shift()!();
    expect(sent).toEqual([1, 50, 51]);
    done.shift()!();
    expect(gate.pending).toBe(0);
    gate.offer(52);
    expect(sent).toEqual([1, 50, 51, 52]);
  });
});
