import { describe, expect, it } from 'vitest';
import { windowKey } from './window-layout.ts';

describe('window key', () => {
  it('reads the key the desktop app puts in the hash', () => {
    expect(windowKey('#window=2')).toBe(2);
    expect(windowKey('#x=1&window=12')).toBe(12);
  });

  it('is 1 for the first window and for anything else', () => {
    expect(windowKey('')).toBe(1);
    expect(windowKey('#window=0')).toBe(1);
    expect(windowKey('#window=abc')).toBe(1);
    expect(windowKey('#window=2; evil')).toBe(1);
  });
});
