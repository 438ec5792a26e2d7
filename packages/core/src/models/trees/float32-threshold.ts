/**
 * Thresholds that ONNX Runtime, which compares float32 inputs with float32 thresholds, and Vigie,
 * which compares float64 values, apply alike. For a float32 threshold T, `f32(x) ≤ T` holds exactly
 * when `x ≤ t` with t the upper edge of T's rounding interval (round to nearest, ties to even); so
 * a split keeps T for ONNX and t in process, and the two agree on every input, not only on the
 * training values.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function bits32(v: number): number {
  f32[0] = v;
  return u32[0]!;
}

function fromBits32(b: number): number {
  u32[0] = b >>> 0;
  return f32[0]!;
}

/** The next float32 above v (v a finite float32). */
function nextUp32(v: number): number {
  if (v === 0) return fromBits32(1);
  const b = bits32(v);
  return v > 0 ? fromBits32(b + 1) : fromBits32(b - 1);
}

/** The next float32 below v (v a finite float32). */
function nextDown32(v: number): number {
  return -nextUp32(-v);
}

function previousDouble(v: number): number {
  f64[0] = v;
  u64[0] = v > 0 ? u64[0]! - 1n : u64[0]! + 1n;
  return f64[0]!;
}

/** The largest float64 x with f32(x) ≤ T (T a finite float32 below the float32 maximum). */
export function float32UpperEdge(t32: number): number {
  const up = nextUp32(t32);
  if (!Number.isFinite(up)) return t32;
  const middle = (t32 + up) / 2;
  // At the midpoint, rounding goes to the float32 whose last mantissa bit is 0.
  return (bits32(t32) & 1) === 0 ? middle : previousDouble(middle);
}

/**
 * A threshold between `below` (goes left) and `above` (goes right), near `theta`, such that the
 * float64 comparison and the float32 one agree (see above). When the two values are the same
 * float32, no float32 threshold separates them and `theta` is returned as it is. The float32
 * threshold to export is `float32Floor` of the result.
 */
export function float32SafeThreshold(theta: number, below: number, above: number): number {
  const fa = Math.fround(below);
  const fb = Math.fround(above);
  if (!(fa < fb) || !Number.isFinite(fa) || !Number.isFinite(fb)) return theta;
  // The nearest float32: a value exactly at theta (common where data are rounded and a midpoint
  // falls on a value) stays on the left, as with the float64 threshold.
  let t = Math.fround(theta);
  if (t < fa || t >= fb) t = fa;
  return float32UpperEdge(t);
}

/** The largest float32 ≤ v: the threshold to export for an in-process threshold v. */
export function float32Floor(v: number): number {
  const t = Math.fround(v);
  return t > v ? nextDown32(t) : t;
}
