// Flood hazard classes H1–H6 from the combined hazard curves of Australian Rainfall and Runoff
// 2016/2019, Book 6 Chapter 7 (Smith, Davey and Cox 2014, "Flood Hazard", WRL Technical Report
// 2014/07), Table 6.7.4 "Combined hazard curves – vulnerability thresholds classification limits",
// also AIDR Guideline 7-3 "Flood Hazard" (2017), Table 3:
//   H1  D ≤ 0.3 m, V ≤ 2.0 m/s, D·V ≤ 0.3 m²/s   generally safe for vehicles, people and buildings
//   H2  D ≤ 0.5,   V ≤ 2.0,     D·V ≤ 0.6        unsafe for small vehicles
//   H3  D ≤ 1.2,   V ≤ 2.0,     D·V ≤ 0.6        unsafe for vehicles, children and the elderly
//   H4  D ≤ 2.0,   V ≤ 2.0,     D·V ≤ 1.0        unsafe for vehicles and people
//   H5  D ≤ 4.0,   V ≤ 4.0,     D·V ≤ 4.0        unsafe for vehicles and people; buildings need engineering design
//   H6  beyond                                    unsafe for vehicles and people; all buildings vulnerable to failure

/** 0 = dry (depth below the wet threshold), 1…6 = H1…H6. */
export type HazardClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const LIMITS: readonly { depth: number; speed: number; product: number }[] = [
  { depth: 0.3, speed: 2.0, product: 0.3 },
  { depth: 0.5, speed: 2.0, product: 0.6 },
  { depth: 1.2, speed: 2.0, product: 0.6 },
  { depth: 2.0, speed: 2.0, product: 1.0 },
  { depth: 4.0, speed: 4.0, product: 4.0 },
];

export const HAZARD_LABELS: Record<HazardClass, string> = {
  0: 'dry',
  1: 'H1 generally safe for vehicles, people and buildings',
  2: 'H2 unsafe for small vehicles',
  3: 'H3 unsafe for vehicles, children and the elderly',
  4: 'H4 unsafe for vehicles and people',
  5: 'H5 unsafe for vehicles and people; all buildings vulnerable to structural damage',
  6: 'H6 unsafe for vehicles and people; all building types vulnerable to failure',
};

/** Hazard class of water `depth` (m) moving at `speed` (m/s). `dryDepth` (default 0.01 m) is the
 * depth below which a cell counts as dry. */
export function hazardClass(depth: number, speed: number, dryDepth = 0.01): HazardClass {
  if (!(depth >= dryDepth)) return 0;
  const product = depth * speed;
  for (let k = 0; k < LIMITS.length; k++) {
    const limit = LIMITS[k]!;
    if (depth <= limit.depth && speed <= limit.speed && product <= limit.product) return (k + 1) as HazardClass;
  }
  return 6;
}

/** Per-cell hazard classes. For the peak hazard of a run, classify every output step and keep the
 * maximum (`into` accumulates with max), since max depth and max speed rarely coincide. */
export function classifyHazard(depth: ArrayLike<number>, speed: ArrayLike<number>, into?: Uint8Array, dryDepth = 0.01): Uint8Array {
  if (depth.length !== speed.length) throw new Error(`classifyHazard: ${depth.length} depths but ${speed.length} speeds`);
  const out = into ?? new Uint8Array(depth.length);
  if (out.length !== depth.length) throw new Error(`classifyHazard: output has ${out.length} cells, expected ${depth.length}`);
  for (let i = 0; i < depth.length; i++) {
    const h = hazardClass(depth[i]!, speed[i]!, dryDepth);
    if (h > out[i]!) out[i] = h;
  }
  return out;
}
