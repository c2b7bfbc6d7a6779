// The one colour source of the map's flood views: the ramps of depth, arrival time and hazard
// class, the legends drawn from the same stops, and the painting of a frame's packed values into
// RGBA pixels. No DOM: unit-tested in Node.

export type Rgba = readonly [number, number, number, number];

export interface RampStop {
  value: number;
  color: Rgba;
  /** The stop's legend row. */
  label: string;
}

export interface Ramp {
  id: 'depth' | 'arrival' | 'hazard' | 'whatif';
  title: string;
  unit: string;
  /** 'linear' blends between stops; 'step' gives each value the colour of the last stop ≤ it. */
  mode: 'linear' | 'step';
  /** Ascending by value. Values below the first stop (and NaN) are transparent. The legend shows each. */
  stops: readonly RampStop[];
}

/** Below 1 cm a cell is dry: nothing is drawn. */
export const WET_DEPTH = 0.01;

export const depthRamp: Ramp = {
  id: 'depth',
  title: 'Water depth',
  unit: 'm',
  mode: 'linear',
  stops: [
    { value: WET_DEPTH, color: [198, 230, 255, 150], label: `${WET_DEPTH} m` },
    { value: 0.15, color: [120, 190, 245, 190], label: '0.15 m' },
    { value: 0.3, color: [50, 140, 225, 215], label: '0.3 m' },
    { value: 0.6, color: [20, 90, 190, 230], label: '0.6 m' },
    { value: 1.2, color: [25, 45, 140, 240], label: '1.2 m' },
    { value: 2.5, color: [40, 10, 90, 250], label: '≥ 2.5 m' },
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
  return {
    id: 'arrival',
    title: 'Arrival time',
    unit: 'min',
    mode: 'linear',
    stops: colors.map((color, i) => {
      const value = (durationSeconds * i) / (colors.length - 1);
      return { value, color, label: `${Math.round(value / 60)} min` };
    }),
  };
}

/** ARR 2016 hazard classes H1–H6 (the usual green-to-dark-red scheme); class 0 (dry) is not drawn. */
export const hazardRamp: Ramp = {
  id: 'hazard',
  title: 'Flood hazard',
  unit: 'class',
  mode: 'step',
  stops: [
    { value: 1, color: [56, 168, 0, 200], label: 'H1 safe for people and vehicles' },
    { value: 2, color: [170, 220, 0, 210], label: 'H2 unsafe for small vehicles' },
    { value: 3, color: [255, 230, 0, 220], label: 'H3 unsafe for vehicles, children, elderly' },
    { value: 4, color: [255, 150, 0, 230], label: 'H4 unsafe for people and vehicles' },
    { value: 5, color: [230, 30, 20, 235], label: 'H5 buildings need engineering design' },
    { value: 6, color: [120, 0, 40, 245], label: 'H6 all buildings vulnerable' },
  ],
};

/** A what-if run against its forecast, per cell (the codes of whatif.compare; 0, unchanged, is not
 * drawn): more water in warm colours, less in cool ones. */
export const whatIfRamp: Ramp = {
  id: 'whatif',
  title: 'What-if difference',
  unit: 'class',
  mode: 'step',
  stops: [
    { value: 1, color: [215, 48, 39, 220], label: 'Deeper' },
    { value: 2, color: [69, 117, 180, 220], label: 'Shallower' },
    { value: 3, color: [26, 152, 80, 235], label: 'Newly dry' },
    { value: 4, color: [160, 40, 160, 235], label: 'Newly wet' },
  ],
};

/** RGBA pixels (row 0 on top) of what-if classes, one byte a cell; classes past the ramp are not drawn. */
export function paintWhatIf(classes: Uint8Array, out: Uint8ClampedArray<ArrayBuffer>): void {
  const last = whatIfRamp.stops[whatIfRamp.stops.length - 1]!.value;
  paintCodes(classes, codeColors(whatIfRamp, 256, (k) => (k >= 1 && k <= last ? k : NaN)), out);
}

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
 * A colour per integer code, as RGBA bytes (4 per code) a Uint32Array can read in one go: code k
 * means `toValue(k)` on the ramp; codes whose value is NaN are transparent.
 */
export function codeColors(ramp: Ramp, codes: number, toValue: (code: number) => number): Uint8Array<ArrayBuffer> {
  const lut = new Uint8Array(codes * 4);
  for (let k = 0; k < codes; k++) lut.set(colorAt(ramp, toValue(k)), k * 4);
  return lut;
}

/**
 * Paints packed codes (a frame's uint16 depth or arrival, or uint8 hazard; row 0 north, the grid's
 * order) into RGBA pixels with row 0 at the top, ready for an ImageData: one table lookup a pixel.
 */
export function paintCodes(codes: Uint16Array | Uint8Array, lut: Uint8Array<ArrayBuffer>, out: Uint8ClampedArray<ArrayBuffer>): void {
  if (out.length !== codes.length * 4) throw new RangeError(`paintCodes: output holds ${out.length} bytes, expected ${codes.length * 4}`);
  const colors = new Uint32Array(lut.buffer, lut.byteOffset, lut.length / 4);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, codes.length);
  if (colors.length < (codes instanceof Uint8Array ? 256 : 65536)) throw new RangeError(`paintCodes: ${colors.length} colours for ${codes instanceof Uint8Array ? 8 : 16}-bit codes`);
  for (let k = 0; k < codes.length; k++) pixels[k] = colors[codes[k]!]!;
}

/** CSS colour of a ramp colour, for legends and markers. */
export function cssColor([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
}
