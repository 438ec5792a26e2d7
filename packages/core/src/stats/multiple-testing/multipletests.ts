import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';

/** Correction methods, named as statsmodels.stats.multitest.multipletests. */
export type MultipleTestsMethod = 'bonferroni' | 'sidak' | 'holm' | 'holm-sidak' | 'fdr_bh' | 'fdr_by';

export interface MultipleTestsOptions {
  /** Default 'holm-sidak', statsmodels' default ('hs'). */
  method?: MultipleTestsMethod;
  /** Family-wise error rate (or false discovery rate for fdr_*) used for `reject`. Default 0.05. */
  alpha?: number;
}

export interface MultipleTestsResult {
  /** True where the hypothesis is rejected at `alpha`, in the input order. */
  reject: boolean[];
  /** Adjusted p-values in the input order, capped at 1. */
  pvalsCorrected: Float64Array;
}

/**
 * Multiple-testing correction, identical to statsmodels.stats.multitest.multipletests for the
 * methods offered: 'bonferroni' (p·m), 'sidak' (1 − (1 − p)^m), 'holm' and 'holm-sidak'
 * (step-down, running maximum), 'fdr_bh' (Benjamini-Hochberg step-up, p·m / rank with a running
 * minimum from the largest p) and 'fdr_by' (BH times Σ 1/k). `reject` uses statsmodels' own
 * comparisons (for example p_(i) ≤ alpha·i/m for BH), not `pvalsCorrected ≤ alpha`, so ties at
 * the threshold decide the same way.
 *
 * NaN policy (deliberately different from statsmodels): a NaN p-value stays NaN, is never
 * rejected and does not count in m. statsmodels counts NaN in m, can reject a NaN under Holm,
 * and its fdr_bh turns every adjusted p-value into NaN when one input is NaN; a failed test
 * upstream should not change the correction of the others. Values outside [0, 1] throw.
 *
 * @example multipletests([0.01, 0.02, 0.5], { method: 'holm' }).pvalsCorrected // [0.03, 0.04, 0.5]
 */
export function multipletests(pvals: Sample, options: MultipleTestsOptions = {}): MultipleTestsResult {
  const method = options.method ?? 'holm-sidak';
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    throw new VigieError('INVALID_ARGUMENT', `multipletests: alpha must be in (0, 1), got ${alpha}`);
  }
  const correct = METHODS[method];
  if (correct === undefined) {
    throw new VigieError('INVALID_ARGUMENT', `multipletests: unknown method '${method}'`);
  }
  const n = pvals.length;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pvals[i]!;
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `multipletests: p-values must lie in [0, 1], got ${p} at index ${i}`,
      );
    }
    kept.push(i);
  }
  const order = Uint32Array.from(kept).sort((a, b) => pvals[a]! - pvals[b]!);
  const m = order.length;
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) sorted[k] = pvals[order[k]!]!;
  const reject = new Array<boolean>(m).fill(false);
  const corrected = new Float64Array(m);
  if (m > 0) correct(sorted, alpha, reject, corrected);

  const out: MultipleTestsResult = {
    reject: new Array<boolean>(n).fill(false),
    pvalsCorrected: new Float64Array(n),
  };
  out.pvalsCorrected.fill(Number.NaN);
  for (let k = 0; k < m; k++) {
    const i = order[k]!;
    out.reject[i] = reject[k]!;
    out.pvalsCorrected[i] = Math.min(corrected[k]!, 1);
  }
  return out;
}

/** Bonferroni-adjusted p-values, min(1, p·m), NaN kept out of m. @example bonferroni([0.01, 0.04]) // [0.02, 0.08] */
export function bonferroni(pvals: Sample): Float64Array {
  return multipletests(pvals, { method: 'bonferroni' }).pvalsCorrected;
}

/** Holm step-down adjusted p-values. @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06] */
export function holm(pvals: Sample): Float64Array {
  return multipletests(pvals, { method: 'holm' }).pvalsCorrected;
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), as method 'fdr_bh'.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pvals: Sample): Float64Array {
  return multipletests(pvals, { method: 'fdr_bh' }).pvalsCorrected;
}

type Correction = (p: Float64Array, alpha: number, reject: boolean[], corrected: Float64Array) => void;

const METHODS: Record<MultipleTestsMethod, Correction> = {
  bonferroni(p, alpha, reject, corrected) {
    const m = p.length;
    const alphaBonf = alpha / m;
    for (let k = 0; k < m; k++) {
      reject[k] = p[k]! <= alphaBonf;
      corrected[k] = p[k]! * m;
    }
  },
  sidak(p, alpha, reject, corrected) {
    const m = p.length;
    const alphaSidak = 1 - (1 - alpha) ** (1 / m);
    for (let k = 0; k < m; k++) {
      reject[k] = p[k]! <= alphaSidak;
      corrected[k] = -Math.expm1(m * Math.log1p(-p[k]!));
    }
  },
  holm(p, alpha, reject, corrected) {
    const m = p.length;
    stepDownReject(p, (k) => alpha / (m - k), reject);
    let running = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      running = Math.max(running, p[k]! * (m - k));
      corrected[k] = running;
    }
  },
  'holm-sidak'(p, alpha, reject, corrected) {
    const m = p.length;
    stepDownReject(p, (k) => 1 - (1 - alpha) ** (1 / (m - k)), reject);
    let running = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      running = Math.max(running, -Math.expm1((m - k) * Math.log1p(-p[k]!)));
      corrected[k] = running;
    }
  },
  fdr_bh(p, alpha, reject, corrected) {
    stepUp(p, alpha, 1, reject, corrected);
  },
  fdr_by(p, alpha, reject, corrected) {
    let cm = 0;
    for (let k = 1; k <= p.length; k++) cm += 1 / k;
    stepUp(p, alpha, cm, reject, corrected);
  },
};

/** Rejects the smallest p-values up to (not including) the first with p > threshold(rank). */
function stepDownReject(p: Float64Array, threshold: (k: number) => number, reject: boolean[]): void {
  for (let k = 0; k < p.length; k++) {
    if (p[k]! > threshold(k)) return;
    reject[k] = true;
  }
}

/** Benjamini-Hochberg (cm = 1) or -Yekutieli step-up, with statsmodels' ecdf factor (k+1)/m/cm. */
function stepUp(
  p: Float64Array,
  alpha: number,
  cm: number,
  reject: boolean[],
  corrected: Float64Array,
): void {
  const m = p.length;
  let last = -1;
  for (let k = 0; k < m; k++) {
    const factor = cm === 1 ? (k + 1) / m : (k + 1) / m / cm;
    if (p[k]! <= factor * alpha) last = k;
    corrected[k] = p[k]! / factor;
  }
  for (let k = 0; k <= last; k++) reject[k] = true;
  for (let k = m - 2; k >= 0; k--) corrected[k] = Math.min(corrected[k]!, corrected[k + 1]!);
}
