import { describe, expect, it } from 'vitest';
import { encodePng } from './png.ts';
import { readRgbaPng } from './png-reader.ts';

describe('encodePng', () => {
  it('round-trips RGBA pixels through a standard PNG', () => {
    const width = 5;
    const height = 3;
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256);
    const decoded = readRgbaPng(encodePng(rgba, width, height));
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect([...decoded.rgba]).toEqual([...rgba]);
  });

  it('writes chunks a reader can verify, and a corrupted byte is caught', () => {
    const png = encodePng(new Uint8Array(16).fill(200), 2, 2);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
    const damaged = Buffer.from(png);
    damaged[20] = damaged[20]! ^ 0xff;
    expect(() => readRgbaPng(damaged)).toThrow(/IHDR: bad CRC/);
  });

  it('refuses a buffer that does not match the size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/expected 16/);
    expect(() => encodePng(new Uint8Array(0), 0, 0)).toThrow(/bad size/);
  });
});
