import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachCellInPolygon, lineLengthPerCell } from './rasterize.ts';

const grid = { nx: 10, ny: 8, cellSize: 2, xll: 0, yll: 0 };

function cellsOf(rings: [number, number][][]): number[] {
  const cells: number[] = [];
  forEachCellInPolygon(grid, rings, (i) => cells.push(i));
  return cells.sort((a, b) => a - b);
}

describe('forEachCellInPolygon', () => {
  it('takes exactly the cells whose centres are inside', () => {
    // x 3.5–8.5 covers centres 5 and 7 (cols 2, 3); y 1–5 covers centres 1 and 3 (rows 7, 6).
    expect(cellsOf([[[3.5, 1], [8.5, 1], [8.5, 5], [3.5, 5]]])).toEqual([62, 63, 72, 73]);
  });

  it('leaves holes out and clips to the grid', () => {
    const outer: [number, number][] = [[-10, -10], [30, -10], [30, 30], [-10, 30]];
    const hole: [number, number][] = [[4, 4], [8, 4], [8, 8], [4, 8]];
    const cells = cellsOf([outer, hole]);
    expect(cells.length).toBe(80 - 4);
    // The hole covers centres x 5, 7 and y 5, 7: rows 5 and 4, cols 2 and 3.
    for (const i of [42, 43, 52, 53]) expect(cells).not.toContain(i);
  });

  it('gives the same cells as a point-in-polygon test at every centre', () => {
    const point = fc.tuple(fc.double({ min: -3, max: 23, noNaN: true }), fc.double({ min: -3, max: 19, noNaN: true }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 8 }), (ring) => {
        const expected: number[] = [];
        for (let i = 0; i < 80; i++) {
          const row = Math.floor(i / 10);
          const [x, y] = [(i % 10) * 2 + 1, (8 - row - 0.5) * 2];
          let inside = false;
          for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
            const [xa, ya] = ring[a]!;
            const [xb, yb] = ring[b]!;
            if (ya > y !== yb > y && x < xa + ((y - ya) / (yb - ya)) * (xb - xa)) inside = !inside;
          }
          if (inside) expected.push(i);
        }
        expect(cellsOf([ring as [number, number][]])).toEqual(expected);
      }),
    );
  });
});

describe('lineLengthPerCell', () => {
  it('splits a line by the length inside each cell', () => {
    const lengths = lineLengthPerCell(grid, [[1, 1], [6, 1]]);
    expect([...lengths.keys()].sort((a, b) => a - b)).toEqual([70, 71, 72]);
    expect(lengths.get(70)).toBeCloseTo(1, 12);
    expect(lengths.get(71)).toBeCloseTo(2, 12);
    expect(lengths.get(72)).toBeCloseTo(2, 12);
  });

  it('keeps the full length of any line inside the grid, and drops parts outside', () => {
    const coordinate = fc.tuple(fc.double({ min: 0.01, max: 19.99, noNaN: true }), fc.double({ min: 0.01, max: 15.99, noNaN: true }));
    fc.assert(
      fc.property(fc.array(coordinate, { minLength: 2, maxLength: 5 }), (line) => {
        let total = 0;
        for (let i = 1; i < line.length; i++) total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
        const sum = [...lineLengthPerCell(grid, line).values()].reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(total, 9);
      }),
    );
    const sum = [...lineLengthPerCell(grid, [[-4, 1], [4, 1]]).values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(4, 12);
  });
});
