import { VigieError } from '../../errors/index.js';
import { type Alternative, type NanPolicy, type Sample, toFloat64 } from '../input.js';

const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'less', 'greater'];
const NAN_POLICIES: readonly NanPolicy[] = ['propagate', 'omit', 'raise'];

/** Validates an `alternative` option (scipy raises ValueError on anything else). */
export function checkAlternative(alternative: Alternative, fn: string): Alternative {
  if (!ALTERNATIVES.includes(alternative)) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: alternative must be 'two-sided', 'less' or 'greater'`);
  }
  return alternative;
}

/** Two paired samples of equal length as Float64Arrays (no copy when they already are). */
export function pairedSamples(x: Sample, y: Sample, fn: string): [Float64Array, Float64Array] {
  if (x.length !== y.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: x and y must have the same length, got ${x.length} and ${y.length}`,
    );
  }
  return [toFloat64(x), toFloat64(y)];
}

/**
 * scipy's nan_policy for paired samples: 'propagate' gives `null` when either sample holds NaN
 * (the caller returns NaN), 'raise' throws, 'omit' drops every pair with a NaN on either side.
 */
export function pairedNanPolicy(
  x: Float64Array,
  y: Float64Array,
  policy: NanPolicy,
  fn: string,
): [Float64Array, Float64Array] | null {
  if (!NAN_POLICIES.includes(policy)) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: nanPolicy must be 'propagate', 'omit' or 'raise'`);
  }
  const n = x.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (x[i] === x[i] && y[i] === y[i]) kept++;
  if (kept === n) return [x, y];
  if (policy === 'propagate') return null;
  if (policy === 'raise') {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: the input contains NaN (nanPolicy 'raise')`);
  }
  const a = new Float64Array(kept);
  const b = new Float64Array(kept);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u === u && v === v) {
      a[w] = u;
      b[w++] = v;
    }
  }
  return [a, b];
}

/** r clipped to [-1, 1] (rounding can step past); NaN stays NaN. */
export function clipUnit(r: number): number {
  return Math.min(1, Math.max(-1, r));
}

/** True when every value equals the first (scipy's constant-input test; NaN never equals). */
export function isConstant(x: Float64Array): boolean {
  const first = x[0];
  for (let i = 1; i < x.length; i++) if (x[i] !== first) return false;
  return true;
}
