// AssemblyScript: semi-implicit Manning friction in f32, shared by both schemes' kernels.
// num / (1 + k / h^(7/3)): h^(7/3) = h²·∛h with ∛h from a bit-level first guess (the float's
// bits over three, in f32 so the SIMD lanes can do the same) and one Halley step, all folded
// into one division. The scalar and the f32x4 forms give the same bits.

const CBRT_MAGIC: i32 = 709921077;
const THIRD: f32 = 1.0 / 3.0;

@inline export function friction(num: f32, h: f32, k: f32): f32 {
  const y = reinterpret<f32>(<i32>(<f32>reinterpret<i32>(h) * THIRD) + CBRT_MAGIC);
  const y3 = y * y * y;
  const p = h * h * y * (y3 + 2 * h);
  return (num * p) / (p + k * (2 * y3 + h));
}

/** 1 / (1 + k / h^(7/3)), the factor both discharges of a cell take (as friction(1, h, k) would give). */
@inline export function frictionFactor(h: f32, k: f32): f32 {
  const y = reinterpret<f32>(<i32>(<f32>reinterpret<i32>(h) * THIRD) + CBRT_MAGIC);
  const y3 = y * y * y;
  const p = h * h * y * (y3 + 2 * h);
  return p / (p + k * (2 * y3 + h));
}

@inline export function frictionFactor4(h: v128, k: v128): v128 {
  const y = i32x4.add(i32x4.trunc_sat_f32x4_s(f32x4.mul(f32x4.convert_i32x4_s(h), f32x4.splat(THIRD))), i32x4.splat(CBRT_MAGIC));
  const y3 = f32x4.mul(f32x4.mul(y, y), y);
  const two = f32x4.splat(2);
  const p = f32x4.mul(f32x4.mul(f32x4.mul(h, h), y), f32x4.add(y3, f32x4.mul(two, h)));
  return f32x4.div(p, f32x4.add(p, f32x4.mul(k, f32x4.add(f32x4.mul(two, y3), h))));
}

@inline export function friction4(num: v128, h: v128, k: v128): v128 {
  const y = i32x4.add(i32x4.trunc_sat_f32x4_s(f32x4.mul(f32x4.convert_i32x4_s(h), f32x4.splat(THIRD))), i32x4.splat(CBRT_MAGIC));
  const y3 = f32x4.mul(f32x4.mul(y, y), y);
  const two = f32x4.splat(2);
  const p = f32x4.mul(f32x4.mul(f32x4.mul(h, h), y), f32x4.add(y3, f32x4.mul(two, h)));
  return f32x4.div(f32x4.mul(num, p), f32x4.add(p, f32x4.mul(k, f32x4.add(f32x4.mul(two, y3), h))));
}
