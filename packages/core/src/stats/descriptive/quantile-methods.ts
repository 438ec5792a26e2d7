/**
 * numpy.quantile's thirteen methods as one table (numpy/lib/_function_base_impl.py,
 * `_QuantileMethods`), each reduced to: which two order statistics to read and the weight to
 * interpolate between them. Formulas and their floating-point order follow numpy so results
 * agree to the bit.
 */
export type QuantileMethod =
  | 'inverted_cdf'
  | 'averaged_inverted_cdf'
  | 'closest_observation'
  | 'interpolated_inverted_cdf'
  | 'hazen'
  | 'weibull'
  | 'linear'
  | 'median_unbiased'
  | 'normal_unbiased'
  | 'lower'
  | 'higher'
  | 'midpoint'
  | 'nearest';

/**
 * Where one quantile sits among the n sorted values: sorted[lo] for discrete methods, else
 * lerp(sorted[lo], sorted[hi], gamma) (numpy interpolates even when lo === hi, so ±Infinity
 * there gives NaN, as in numpy).
 */
export interface QuantilePosition {
  discrete: boolean;
  lo: number;
  hi: number;
  gamma: number;
}

type Rule =
  /** Reads one order statistic; `index` returns its (unclipped) integer position. */
  | { kind: 'discrete'; index(n: number, q: number): number }
  /** Interpolates at a fractional "virtual index"; `gamma` adjusts the fractional part. */
  | { kind: 'continuous'; index(n: number, q: number): number; gamma(g: number, index: number): number };

const identity = (g: number): number => g;

/** Hyndman & Fan's continuous family: virtual index n·q + (α + q(1 - α - β)) - 1. */
function hyndmanFan(alpha: number, beta: number): Rule {
  return {
    kind: 'continuous',
    index: (n, q) => n * q + (alpha + q * (1 - alpha - beta)) - 1,
    gamma: identity,
  };
}

/** numpy's `_discrete_interpolation_to_boundaries`: floor when `takeFloor`, else floor + 1. */
function boundary(index: number, takeFloor: (gamma: number, floor: number) => boolean): number {
  const floor = Math.floor(index);
  return takeFloor(index - floor, floor) ? floor : floor + 1;
}

/** numpy's round-half-to-even (`np.around`). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const RULES: Record<QuantileMethod, Rule> = {
  inverted_cdf: { kind: 'discrete', index: (n, q) => boundary(n * q - 1, (g) => g === 0) },
  averaged_inverted_cdf: {
    kind: 'continuous',
    index: (n, q) => n * q - 1,
    gamma: (g) => (g === 0 ? 0.5 : 1),
  },
  closest_observation: {
    kind: 'discrete',
    // The nearest even order statistic at g = 0 (1-based), i.e. the odd floor 0-based.
    index: (n, q) => boundary(n * q - 1 - 0.5, (g, floor) => g === 0 && ((floor % 2) + 2) % 2 === 1),
  },
  interpolated_inverted_cdf: hyndmanFan(0, 1),
  hazen: hyndmanFan(0.5, 0.5),
  weibull: hyndmanFan(0, 0),
  // (n - 1)·q rather than the equivalent Hyndman-Fan form, as numpy, to avoid rounding.
  linear: { kind: 'continuous', index: (n, q) => (n - 1) * q, gamma: identity },
  median_unbiased: hyndmanFan(1 / 3, 1 / 3),
  normal_unbiased: hyndmanFan(3 / 8, 3 / 8),
  lower: { kind: 'discrete', index: (n, q) => Math.floor((n - 1) * q) },
  higher: { kind: 'discrete', index: (n, q) => Math.ceil((n - 1) * q) },
  midpoint: {
    kind: 'continuous',
    index: (n, q) => 0.5 * (Math.floor((n - 1) * q) + Math.ceil((n - 1) * q)),
    gamma: (_g, index) => (index % 1 === 0 ? 0 : 0.5),
  },
  nearest: { kind: 'discrete', index: (n, q) => roundHalfEven((n - 1) * q) },
};

export function isQuantileMethod(method: string): method is QuantileMethod {
  return Object.hasOwn(RULES, method);
}

/** The order statistics and weight numpy uses for quantile q of n (n >= 1, q in [0, 1]) values. */
export function quantilePosition(n: number, q: number, method: QuantileMethod): QuantilePosition {
  const rule = RULES[method];
  const v = rule.index(n, q);
  if (rule.kind === 'discrete') {
    const i = Math.min(Math.max(v, 0), n - 1);
    return { discrete: true, lo: i, hi: i, gamma: 0 };
  }
  // numpy's `_get_indexes`: past either end both neighbours are that end (index -1 or 0), and
  // gamma is taken against that sentinel index, which only matters through lerp(a, a, gamma).
  let prev = Math.floor(v);
  let lo = prev;
  let hi = prev + 1;
  if (v >= n - 1) {
    prev = -1;
    lo = n - 1;
    hi = n - 1;
  } else if (v < 0) {
    prev = 0;
    lo = 0;
    hi = 0;
  }
  return { discrete: false, lo, hi, gamma: rule.gamma(v - prev, v) };
}

/** numpy's `_lerp`: a + (b - a)·t, computed from b's side when t >= 0.5 for accuracy. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
