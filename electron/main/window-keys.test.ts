import { describe, expect, it } from 'vitest';
import { freeWindowKey, isNewWindowRequest, windowUrl } from './window-keys.ts';

describe('window keys', () => {
  it('gives the lowest number no open window uses', () => {
    expect(freeWindowKey([])).toBe(1);
    expect(freeWindowKey([1, 2])).toBe(3);
    expect(freeWindowKey([1, 3])).toBe(2);
    expect(freeWindowKey([2, 3])).toBe(1);
  });

  it('puts the key in the page hash', () => {
    expect(windowUrl(2)).toBe('app://polder/index.html#window=2');
  });

  it("opens a window only for the app's own page", () => {
    expect(isNewWindowRequest('app://polder/index.html#window=2')).toBe(true);
    expect(isNewWindowRequest('app://polder/index.html')).toBe(true);
    expect(isNewWindowRequest('app://polder/index.html.evil')).toBe(false);
    expect(isNewWindowRequest('https://example.org/app://polder/index.html')).toBe(false);
    expect(isNewWindowRequest('app://polder.evil/index.html')).toBe(false);
  });
});
