// Turns `sim.results` (compressed values on the wire) into the grid the map paints. No DOM beyond
// the web-standard streams Node has too: unit-tested in Node.
import { arrivalNeverWet, type SimResults } from '../../../native/api/sim.ts';
import type { FloodGrid } from './flood-view.ts';


async function inflate(base64: string): Promise<Uint8Array> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function decodeResults(results: SimResults): Promise<FloodGrid> {
  const { view, time, durationSeconds, width, height, encoding, unitSeconds } = results;
  const raw = await inflate(results.data);
  const n = width * height;
  const bytesPer = encoding === 'uint16' ? 2 : 1;
  if (raw.length !== n * bytesPer) throw new Error(`${view} results: ${raw.length} bytes for ${width}×${height} ${encoding} values`);
  if (encoding === 'uint8') return { view, time, durationSeconds, width, height, values: raw };
  const data = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const v = data.getUint16(k * 2, true);
    values[k] = v === arrivalNeverWet ? NaN : v * unitSeconds;
  }
  return { view, time, durationSeconds, width, height, values };
}
