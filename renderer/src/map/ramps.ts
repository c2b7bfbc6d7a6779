// Colour ramps for per-cell results (depth, arrival time, hazard class) and the pure function
// that paints a grid of values into RGBA pixels. No DOM: unit-tested in Node.

export type Rgba = readonly [number, number, number, number];

export interface RampStop {
  value: number;
  color: Rgba;
}

export interface Ramp {
  id: 'depth' | 'arrival' | 'hazard';
  title: string;
  unit: string;
  /** 'linear' blends between stops; 'step' gives each value the colour of the last stop ≤ it. */
  mode: 'linear' | 'step';
  /** Ascending by value. Values below the first stop (and NaN) are transparent. */
  stops: readonly RampStop[];
  /** Legend rows: what each swatch means. */
  legend: readonly { label: string; color: Rgba }[];
}

/** Below 1 cm a cell is dry: nothing is drawn. */
export const WET_DEPTH = 0.01;

export const depthRamp: Ramp = {
  id: 'depth',
  title: 'Water depth',
  unit: 'm',
  mode: 'linear',
  stops: [
    { value: WET_DEPTH, color: [198, 230, 255, 150] },
    { value: 0.15, color: [120, 190, 245, 190] },
    { value: 0.3, color: [50, 140, 225, 215] },
    { value: 0.6, color: [20, 90, 190, 230] },
    { value: 1.2, color: [25, 45, 140, 240] },
    { value: 2.5, color: [40, 10, 90, 250] },
  ],
  legend: [
    { label: '< 0.15 m', color: [198, 230, 255, 150] },
    { label: '0.3 m', color: [50, 140, 225, 215] },
    { label: '0.6 m', color: [20, 90, 190, 230] },
    { label: '1.2 m', color: [25, 45, 140, 240] },
    { label: '≥ 2.5 m', color: [40, 10, 90, 250] },
  ],
};

/** Arrival time in seconds since the start of the run: early water is the most urgent, so red. */
export function arrivalRamp(durationSeconds: number): Ramp {
  if (!(durationSeconds > 0)) throw new RangeError(`arrivalRamp: duration must be positive (got ${durationSeconds})`);
  const colors: Rgba[] = [
    [200, 20, 40, 225],
    [240, 110, 30, 215],
    [250, 200, 50, 205],
    [170, 220, 120, 195],
    [120, 200, 220, 185],
  ];
  const stops = colors.map((color, i) => ({ value: (durationSeconds * i) / (colors.length - 1), color }));
  return {
    id: 'arrival',
    title: 'Arrival time',
    unit: 'min',
    mode: 'linear',
    stops,
    legend: stops.map(({ value, color }) => ({ label: `${Math.round(value / 60)} min`, color })),
  };
}

/** ARR 2016 hazard classes H1–H6 (the usual green-to-dark-red scheme); class 0 (dry) is not drawn. */
export const hazardRamp: Ramp = {
  id: 'hazard',
  title: 'Flood hazard',
  unit: 'class',
  mode: 'step',
  stops: [
    { value: 1, color: [56, 168, 0, 200] },
    { value: 2, color: [170, 220, 0, 210] },
    { value: 3, color: [255, 230, 0, 220] },
    { value: 4, color: [255, 150, 0, 230] },
    { value: 5, color: [230, 30, 20, 235] },
    { value: 6, color: [120, 0, 40, 245] },
  ],
  legend: [
    { label: 'H1 safe for people and vehicles', color: [56, 168, 0, 200] },
    { label: 'H2 unsafe for small vehicles', color: [170, 220, 0, 210] },
    { label: 'H3 unsafe for vehicles, children, elderly', color: [255, 230, 0, 220] },
    { label: 'H4 unsafe for people and vehicles', color: [255, 150, 0, 230] },
    { label: 'H5 buildings need engineering design', color: [230, 30, 20, 235] },
    { label: 'H6 all buildings vulnerable', color: [120, 0, 40, 245] },
  ],
};

/** The colour of one value: transparent below the first stop or NaN, the end colour past the last. */
export function colorAt(ramp: Ramp, value: number): Rgba {
  const { stops } = ramp;
  if (!(value >= stops[0]!.value)) return [0, 0, 0, 0];
  let k = 0;
  while (k + 1 < stops.length && stops[k + 1]!.value <= value) k++;
  const lower = stops[k]!;
  const upper = stops[k + 1];
  if (ramp.mode === 'step' || !upper) return lower.color;
  const t = (value - lower.value) / (upper.value - lower.value);
  const mix = (i: number) => Math.round(lower.color[i]! + t * (upper.color[i]! - lower.color[i]!));
  return [mix(0), mix(1), mix(2), mix(3)];
}

/**
 * Paints `values` (nx × ny, row-major, row 0 north, the scenario grid's order) into RGBA pixels
 * with row 0 at the top, ready for an ImageData. Writes into `out` when given (no allocation per
 * animation frame).
 */
export function paintGrid(values: ArrayLike<number>, nx: number, ny: number, ramp: Ramp, out?: Uint8ClampedArray): Uint8ClampedArray {
  if (values.length !== nx * ny) throw new RangeError(`paintGrid: ${values.length} values for a ${nx}×${ny} grid`);
  const rgba = out ?? new Uint8ClampedArray(nx * ny * 4);
  if (rgba.length !== nx * ny * 4) throw new RangeError(`paintGrid: output holds ${rgba.length} bytes, expected ${nx * ny * 4}`);
  // A lookup table over the ramp's range keeps a 130k-cell frame to a few milliseconds.
  const lut = buildLut(ramp);
  const first = ramp.stops[0]!.value;
  const last = ramp.stops.at(-1)!.value;
  const scale = (LUT_SIZE - 1) / (last - first || 1);
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    const o = k * 4;
    if (!(v >= first)) {
      rgba[o + 3] = 0;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
      continue;
    }
    if (ramp.mode === 'step') {
      // Few classes, exact edges: no table.
      rgba.set(colorAt(ramp, v), o);
      continue;
    }
    const i = v >= last ? LUT_SIZE - 1 : Math.round((v - first) * scale);
    rgba[o] = lut[i * 4]!;
    rgba[o + 1] = lut[i * 4 + 1]!;
    rgba[o + 2] = lut[i * 4 + 2]!;
    rgba[o + 3] = lut[i * 4 + 3]!;
  }
  return rgba;
}

const LUT_SIZE = 1024;

function buildLut(ramp: Ramp): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 4);
  const first = ramp.stops[0]!.value;
  const last = ramp.stops.at(-1)!.value;
  for (let i = 0; i < LUT_SIZE; i++) lut.set(colorAt(ramp, first + ((last - first) * i) / (LUT_SIZE - 1)), i * 4);
  return lut;
}

/** CSS colour of a ramp colour, for legends and markers. */
export function cssColor([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
}

/**
 * The depth ramp of the host's rendered depth frames (`sim.frame` images, drawn natively by
 * native/sim/depth-image.ts): linear from light blue at range[0] m to dark blue at range[1] m.
 * Only the legend uses it; the pixels arrive already coloured.
 */
export function hostDepthRamp([shallow, deep]: readonly [number, number]): Ramp {
  const light: Rgba = [160, 210, 255, 140];
  const dark: Rgba = [8, 48, 140, 230];
  const stops = [
    { value: shallow, color: light },
    { value: deep, color: dark },
  ];
  const mid = colorAt({ id: 'depth', title: '', unit: 'm', mode: 'linear', stops, legend: [] }, (shallow + deep) / 2);
  return {
    id: 'depth',
    title: 'Water depth',
    unit: 'm',
    mode: 'linear',
    stops,
    legend: [
      { label: `${shallow} m`, color: light },
      { label: `${Math.round(((shallow + deep) / 2) * 100) / 100} m`, color: mid },
      { label: `≥ ${deep} m`, color: dark },
    ],
  };
}
