// A `sim.frame` (the engine's packed display grids) turned into pixels of one view. No DOM beyond
// the web-standard streams Node has too: unit-tested in Node.
import { arrivalNeverWet, type SimFrame } from '../../../native/api/sim.ts';
import { rampFor, type OverlayView } from './flood-view.ts';
import { codeColors, paintCodes } from './ramps.ts';

/** A frame's values, as the engine packed them (see SimFrame). */
export interface FrameCodes {
  width: number;
  height: number;
  depth: Uint16Array;
  arrival: Uint16Array;
  hazard: Uint8Array;
}

export async function unpackFrame(frame: Pick<SimFrame, 'width' | 'height' | 'grids'>): Promise<FrameCodes> {
  const { width, height } = frame;
  const stream = new Blob([frame.grids as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  const raw = await new Response(stream).arrayBuffer();
  const n = width * height;
  if (raw.byteLength !== n * 5) throw new Error(`a ${width}×${height} frame holds ${raw.byteLength} bytes of grids, expected ${n * 5}`);
  return { width, height, depth: new Uint16Array(raw, 0, n), arrival: new Uint16Array(raw, n * 2, n), hazard: new Uint8Array(raw, n * 4, n) };
}

type FrameScale = Pick<SimFrame, 'durationSeconds' | 'depthMetersPerUnit' | 'arrivalSecondsPerUnit'>;

/**
 * Paints views of frames with the ramps of ramps.ts. Colour tables (one per view and scale) are
 * built once and reused, so a frame costs one lookup a pixel.
 */
export function createFramePainter() {
  const tables = new Map<string, Uint8Array<ArrayBuffer>>();
  const table = (view: OverlayView, frame: FrameScale) => {
    const key = view === 'depth' ? `depth ${frame.depthMetersPerUnit}` : view === 'arrival' ? `arrival ${frame.durationSeconds} ${frame.arrivalSecondsPerUnit}` : 'hazard';
    let lut = tables.get(key);
    if (!lut) {
      const ramp = rampFor(view, frame.durationSeconds);
      if (view === 'depth') lut = codeColors(ramp, 0x10000, (k) => k * frame.depthMetersPerUnit);
      else if (view === 'arrival') lut = codeColors(ramp, 0x10000, (k) => (k === arrivalNeverWet ? NaN : k * frame.arrivalSecondsPerUnit));
      else lut = codeColors(ramp, 0x100, (k) => k);
      // Tables of older runs' durations are dropped: a few at most.
      if (tables.size >= 8) tables.clear();
      tables.set(key, lut);
    }
    return lut;
  };
  return {
    /** RGBA pixels of `view`, row 0 at the top; written into `out` when it is the right size. */
    paint(view: OverlayView, frame: FrameScale, codes: FrameCodes, out?: Uint8ClampedArray<ArrayBuffer>): Uint8ClampedArray<ArrayBuffer> {
      const n = codes.width * codes.height;
      const pixels = out?.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
      paintCodes(view === 'depth' ? codes.depth : view === 'arrival' ? codes.arrival : codes.hazard, table(view, frame), pixels);
      return pixels;
    },
  };
}
