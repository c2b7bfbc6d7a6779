import { describe, expect, it } from 'vitest';
import { bestChoice, matching, type Choice } from './choice-match.ts';

const statuses: Choice[] = [
  { id: 'new', label: 'New', disabled: true },
  { id: 'assigned', label: 'Assigned', disabled: true },
  { id: 'in_progress', label: 'In progress', disabled: true },
  { id: 'blocked', label: 'Blocked' },
  { id: 'done', label: 'Done' },
  { id: 'cancelled', label: 'Cancelled' },
];

describe('choosing by typing', () => {
  it('takes the best match, not the first enabled choice', () => {
    expect(bestChoice(statuses, 'done').take?.id).toBe('done');
    expect(bestChoice(statuses, 'DO').take?.id).toBe('done');
    expect(bestChoice(statuses, 'can').take?.id).toBe('cancelled');
    expect(bestChoice(statuses, '').take?.id).toBe('blocked');
  });

  it('ranks exact, then prefix, then word prefix, then anywhere', () => {
    const units: Choice[] = [
      { id: 'a', label: 'Swift-water Rescue Team' },
      { id: 'b', label: 'Engine 1', detail: 'Fire & Rescue' },
      { id: 'c', label: 'Engine 12' },
    ];
    expect(matching(units, 'engine 1').map((c) => c.id)).toEqual(['b', 'c']);
    expect(matching(units, 'rescue').map((c) => c.id)).toEqual(['a', 'b']);
    expect(bestChoice(units, 'water').take?.id).toBe('a');
    expect(bestChoice(units, 'zzz')).toEqual({ take: null, refused: null });
  });

  it('names the disabled choice that was typed instead of taking another', () => {
    expect(bestChoice(statuses, 'in progress')).toEqual({ take: null, refused: statuses[2] });
  });
});
