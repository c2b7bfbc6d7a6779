// The solver state's layout in its one shared memory: arrays apart and aligned, the kernel's
// header pointing at them, and a clear refusal of grids beyond a 32-bit memory.
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../engine/model.ts';
import { dimsFor } from '../engine/simulation.ts';
import { HEADER, HEADER_F64, allocateState, stateLayout, type Dims } from '../engine/state.ts';
import { syntheticCity } from '../engine/synthetic-city.ts';

function dims(nx: number, ny: number, scheme: 'inertial' | 'hll' = 'inertial', threads = 2): Dims {
  return { ...dimsFor(syntheticCity({ nx: 4, ny: 4, rain: 1 }), defaultOptions(scheme), threads), nx, ny };
}

describe('solver state', () => {
  it.each(['inertial', 'hll'] as const)('gives every %s array its own aligned bytes, all inside the memory', (scheme) => {
    const s = allocateState(dims(37, 23, scheme));
    const views = Object.entries(s).filter(([, v]) => ArrayBuffer.isView(v)) as [string, Float32Array][];
    expect(views.length).toBeGreaterThan(30);
    const spans = views.map(([name, v]) => ({ name, from: v.byteOffset, to: v.byteOffset + v.byteLength })).sort((a, b) => a.from - b.from);
    expect(spans[0]!.from).toBeGreaterThan(HEADER + 256);
    for (let k = 0; k < spans.length; k++) {
      expect(spans[k]!.from % 64, spans[k]!.name).toBe(0);
      if (k > 0) expect(spans[k]!.from, spans[k]!.name).toBeGreaterThanOrEqual(spans[k - 1]!.to);
      expect(spans[k]!.to).toBeLessThanOrEqual(s.memory.buffer.byteLength - 8);
    }
    expect(s.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('writes where each array is, and the dims, into the kernel header', () => {
    const d = dims(37, 23);
    const s = allocateState(d);
    const words = new Uint32Array(s.memory.buffer, HEADER, HEADER_F64 / 4);
    expect(words[0]).toBe(s.h.byteOffset);
    expect(words[6]).toBe(s.qx.byteOffset);
    expect(words[25]).toBe(s.params.byteOffset);
    expect(words[27]).toBe(s.edgeLevel.byteOffset);
    expect(words[0]).toBe(stateLayout(d).offsets.h);
    expect([words[37], words[38]]).toEqual([37, 23]);
    expect(Array.from(new Float64Array(s.memory.buffer, HEADER + HEADER_F64, 6))).toEqual([d.dx, d.theta, d.flowDepth, d.wetDepth, d.gravity, 1]);
  });

  it('refuses a grid whose state would not fit a 32-bit WebAssembly memory', () => {
    expect(() => allocateState(dims(10_000, 10_000))).toThrow(/10000×10000 grid needs .* GiB of solver state, more than the engine's 4 GiB/);
  });
});
