import { describe, expect, it } from 'vitest';
import { scrollToReveal, windowRange } from './window-range.ts';

describe('windowRange', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(windowRange(0, 300, 50, 5000, 2)).toEqual({ start: 0, end: 9 });
    expect(windowRange(1000, 300, 50, 5000, 2)).toEqual({ start: 18, end: 29 });
  });

  it('clamps at the end and for empty or overscrolled lists', () => {
    expect(windowRange(249_900, 300, 50, 5000, 2)).toEqual({ start: 4996, end: 5000 });
    expect(windowRange(999_999, 300, 50, 10, 2)).toEqual({ start: 7, end: 10 });
    expect(windowRange(0, 300, 50, 0, 2)).toEqual({ start: 0, end: 0 });
    expect(windowRange(-40, 300, 50, 3, 0)).toEqual({ start: 0, end: 3 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up or down just enough, or not at all', () => {
    expect(scrollToReveal(2, 500, 300, 50)).toBe(100);
    expect(scrollToReveal(20, 500, 300, 50)).toBe(750);
    expect(scrollToReveal(12, 500, 300, 50)).toBeNull();
  });
});
