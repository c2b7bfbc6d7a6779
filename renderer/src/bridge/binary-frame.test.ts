import { describe, expect, it } from 'vitest';
import { decodeServerFrame } from './binary-frame.ts';

/** A binary message laid out as native/api/wire.ts describes. */
function message(header: object, ...parts: Uint8Array[]): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + parts.reduce((n, p) => n + p.length, 0));
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  let offset = 4 + json.length;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out.buffer;
}

describe('decodeServerFrame', () => {
  it('reads text frames as JSON', () => {
    expect(decodeServerFrame('{"t":"push","event":"app.clock","payload":{"now":1}}')).toEqual({ t: 'push', event: 'app.clock', payload: { now: 1 } });
  });

  it('puts the bytes of a binary push or result back into their fields', () => {
    const push = decodeServerFrame(message({ t: 'push', event: 'sim.frame', payload: { time: 10 }, bin: [['grids', 3], ['extra', 2]] }, Uint8Array.from([1, 2, 3]), Uint8Array.from([9, 8])));
    expect(push).toEqual({ t: 'push', event: 'sim.frame', payload: { time: 10, grids: Uint8Array.from([1, 2, 3]), extra: Uint8Array.from([9, 8]) } });
    const result = decodeServerFrame(message({ t: 'result', id: 4, ok: true, value: { time: 5 }, bin: [['grids', 1]] }, Uint8Array.from([7])));
    expect(result).toEqual({ t: 'result', id: 4, ok: true, value: { time: 5, grids: Uint8Array.from([7]) } });
  });

  it('refuses a message shorter than its header says', () => {
    expect(() => decodeServerFrame(message({ t: 'push', event: 'sim.frame', payload: {}, bin: [['grids', 10]] }, Uint8Array.from([1])))).toThrow(/grids runs past its end/);
  });
});
