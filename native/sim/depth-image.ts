import { encodePng } from '../scenario/png.ts';

export interface DepthImage {
  image: string;
  width: number;
  height: number;
  cellsPerPixel: number;
  ramp: [number, number];
  wetCells: number;
  maxDepth: number;
}

/** Cells per pixel side so that an nx × ny grid fits in `maxSide` pixels a side. */
export function pixelStep(nx: number, ny: number, maxSide = 512): number {
  return Math.max(1, Math.ceil(Math.max(nx, ny) / maxSide));
}

/**
 * A depth grid (row 0 north) as a translucent blue PNG data URL for a map overlay: at most
 * `maxSide` pixels a side, each pixel the deepest of the cells it covers; dry is transparent.
 */
export function depthImage(depth: Float32Array, nx: number, ny: number, { maxSide = 512, wetDepth = 0.01, deep = 1.5 } = {}): DepthImage {
  const step = pixelStep(nx, ny, maxSide);
  const width = Math.ceil(nx / step);
  const height = Math.ceil(ny / step);
  const rgba = new Uint8Array(width * height * 4);
  let wetCells = 0;
  let maxDepth = 0;
  for (const d of depth) {
    if (d > wetDepth) wetCells++;
    if (d > maxDepth) maxDepth = d;
  }
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let d = 0;
      for (let r = py * step; r < Math.min(ny, (py + 1) * step); r++) {
        for (let c = px * step; c < Math.min(nx, (px + 1) * step); c++) d = Math.max(d, depth[r * nx + c]!);
      }
      if (!(d > wetDepth)) continue;
      const t = Math.min(1, (d - wetDepth) / (deep - wetDepth));
      const o = (py * width + px) * 4;
      rgba[o] = Math.round(160 + (8 - 160) * t);
      rgba[o + 1] = Math.round(210 + (48 - 210) * t);
      rgba[o + 2] = Math.round(255 + (140 - 255) * t);
      rgba[o + 3] = Math.round(140 + (230 - 140) * t);
    }
  }
  return {
    image: `data:image/png;base64,${encodePng(rgba, width, height).toString('base64')}`,
    width,
    height,
    cellsPerPixel: step,
    ramp: [wetDepth, deep],
    wetCells,
    maxDepth,
  };
}
