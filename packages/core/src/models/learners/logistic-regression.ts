import { VigieError } from '../../errors/index.js';
import type { Matrix } from '../../stats/index.js';
import { lbfgs } from './lbfgs.js';

export interface LogisticParams {
  /** Inverse of the L2 regularization strength, as scikit-learn's C (default 1). */
  C?: number;
  fitIntercept?: boolean;
  /** Largest gradient component at convergence (default 1e-10; scikit-learn stops at 1e-4 on a gradient scaled by 1/(C·n)). */
  tol?: number;
  maxIter?: number;
}

/**
 * A fitted logistic regression. Binary problems have one coefficient row (the positive class,
 * class index 1), as scikit-learn's; more classes have one row per class (multinomial softmax).
 * It holds only its parameters, never the training data.
 */
export interface FittedLogistic {
  readonly kind: 'logistic-regression';
  readonly nClasses: number;
  readonly nFeatures: number;
  /** rows × nFeatures, row-major (rows = 1 for two classes, else nClasses). */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Class probabilities, n × nClasses row-major. */
  predictProba(x: Matrix): Float64Array;
  toJSON(): unknown;
}

/**
 * L2-regularized logistic regression fitted by L-BFGS, minimising, as scikit-learn's
 * `LogisticRegression(penalty='l2', solver='lbfgs')`,
 *   ½‖W‖² + C · Σᵢ −log p(yᵢ | xᵢ)
 * (the intercept is not penalized): a sigmoid for two classes, a softmax over K > 2 classes.
 * `y` holds class indices 0..K−1; rows with a NaN feature must be imputed before.
 */
export function logisticRegression(
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  params: LogisticParams = {},
): FittedLogistic {
  const { rows: n, cols: f, data } = x;
  const C = params.C ?? 1;
  const fitIntercept = params.fitIntercept ?? true;
  if (!(C > 0))
    throw new VigieError('INVALID_ARGUMENT', `logistic regression: C must be > 0, got ${C}`, {
      details: { field: 'C' },
    });
  if (y.length !== n)
    throw new VigieError('INVALID_ARGUMENT', `logistic regression: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new VigieError('EMPTY_INPUT', 'logistic regression: no training rows');
  if (nClasses < 2)
    throw new VigieError(
      'INVALID_ARGUMENT',
      'logistic regression: the label has a single class; nothing to learn',
    );
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i]!))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `logistic regression: row ${Math.floor(i / f) + 1}, feature ${(i % f) + 1} is not finite (impute first)`,
      );
  const k = nClasses === 2 ? 1 : nClasses;
  const width = f + 1;
  const scores = new Float64Array(k);

  const objective = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * f;
      for (let c = 0; c < k; c++) {
        let z = fitIntercept ? w[c * width + f]! : 0;
        for (let j = 0; j < f; j++) z += w[c * width + j]! * data[row + j]!;
        scores[c] = z;
      }
      const yi = y[i]!;
      if (k === 1) {
        const z = scores[0]!;
        // −log σ(±z) computed stably; the residual σ(z) − y drives the gradient.
        const t = yi === 1 ? z : -z;
        loss += t > 0 ? Math.log1p(Math.exp(-t)) : -t + Math.log1p(Math.exp(t));
        const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        const r = C * (p - yi);
        for (let j = 0; j < f; j++) grad[j]! += r * data[row + j]!;
        if (fitIntercept) grad[f]! += r;
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, scores[c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(scores[c]! - max);
        const logSum = max + Math.log(sum);
        loss += logSum - scores[yi]!;
        for (let c = 0; c < k; c++) {
          const r = C * (Math.exp(scores[c]! - logSum) - (c === yi ? 1 : 0));
          for (let j = 0; j < f; j++) grad[c * width + j]! += r * data[row + j]!;
          if (fitIntercept) grad[c * width + f]! += r;
        }
      }
    }
    let penalty = 0;
    for (let c = 0; c < k; c++)
      for (let j = 0; j < f; j++) {
        const v = w[c * width + j]!;
        penalty += v * v;
        grad[c * width + j]! += v;
      }
    return C * loss + 0.5 * penalty;
  };

  const result = lbfgs(objective, new Float64Array(k * width), {
    maxIter: params.maxIter ?? 1000,
    gtol: params.tol ?? 1e-10,
    // Stop on the gradient only: a tiny decrease of the objective can hide a gradient far from 0.
    ftol: 0,
  });
  const coef = new Float64Array(k * f);
  const intercept = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    coef.set(result.x.subarray(c * width, c * width + f), c * f);
    intercept[c] = fitIntercept ? result.x[c * width + f]! : 0;
  }
  return fittedLogistic(nClasses, f, coef, intercept, result.iterations, result.converged);
}

export function fittedLogistic(
  nClasses: number,
  nFeatures: number,
  coef: Float64Array,
  intercept: Float64Array,
  iterations: number,
  converged: boolean,
): FittedLogistic {
  const k = nClasses === 2 ? 1 : nClasses;
  return Object.freeze({
    kind: 'logistic-regression' as const,
    nClasses,
    nFeatures,
    coef,
    intercept,
    iterations,
    converged,
    predictProba(x: Matrix): Float64Array {
      if (x.cols !== nFeatures)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `logistic regression: expected ${nFeatures} features, got ${x.cols}`,
        );
      const out = new Float64Array(x.rows * nClasses);
      const z = new Float64Array(k);
      for (let i = 0; i < x.rows; i++) {
        for (let c = 0; c < k; c++) {
          let s = intercept[c]!;
          for (let j = 0; j < nFeatures; j++) s += coef[c * nFeatures + j]! * x.data[i * nFeatures + j]!;
          z[c] = s;
        }
        if (k === 1) {
          const p = z[0]! >= 0 ? 1 / (1 + Math.exp(-z[0]!)) : Math.exp(z[0]!) / (1 + Math.exp(z[0]!));
          out[i * 2] = 1 - p;
          out[i * 2 + 1] = p;
        } else {
          let max = -Infinity;
          for (let c = 0; c < k; c++) max = Math.max(max, z[c]!);
          let sum = 0;
          for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max);
          for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(z[c]! - max) / sum;
        }
      }
      return out;
    },
    toJSON() {
      return {
        kind: 'logistic-regression',
        version: 1,
        nClasses,
        nFeatures,
        coef: Array.from(coef),
        intercept: Array.from(intercept),
        iterations,
        converged,
      };
    },
  });
}

export interface LogisticL1Params {
  /** Inverse of the L1 strength, as scikit-learn's C with penalty='l1'. */
  C?: number;
  tol?: number;
  maxIter?: number;
}

/**
 * L1-regularized logistic regression, minimising ‖W‖₁ + C · Σᵢ −log p(yᵢ | xᵢ) (intercepts not
 * penalized), as scikit-learn's LogisticRegression(penalty='l1', solver='saga') — by accelerated
 * proximal gradient (FISTA with backtracking and restarts): soft-thresholding zeroes the features
 * that do not pay for their penalty. Stops when the proximal-gradient step moves no coefficient by
 * more than `tol` (default 1e-10) relative to its scale.
 */
export function logisticRegressionL1(
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  params: LogisticL1Params = {},
): FittedLogistic {
  const C = params.C ?? 1;
  if (!(C > 0))
    throw new VigieError('INVALID_ARGUMENT', `logistic regression: C must be > 0, got ${C}`, {
      details: { field: 'C' },
    });
  // The smooth part (the data loss), with its gradient, reuses the L2 objective at zero penalty.
  const smooth = smoothLoss(x, y, nClasses, C);
  const { rows: n, cols: f } = x;
  if (n === 0) throw new VigieError('EMPTY_INPUT', 'logistic regression: no training rows');
  const k = nClasses === 2 ? 1 : nClasses;
  const width = f + 1;
  const size = k * width;
  let w = new Float64Array(size);
  let v = new Float64Array(size);
  let t = 1;
  let step = 1;
  const grad = new Float64Array(size);
  const next = new Float64Array(size);
  const prox = (from: Float64Array, g: Float64Array, s: number, out: Float64Array) => {
    for (let c = 0; c < k; c++)
      for (let j = 0; j <= f; j++) {
        const i = c * width + j;
        const z = from[i]! - s * g[i]!;
        out[i] = j === f ? z : Math.sign(z) * Math.max(0, Math.abs(z) - s);
      }
  };
  const l1 = (a: Float64Array) => {
    let s = 0;
    for (let c = 0; c < k; c++) for (let j = 0; j < f; j++) s += Math.abs(a[c * width + j]!);
    return s;
  };
  let iterations = 0;
  let converged = false;
  let fw = smooth(w, grad) + l1(w);
  for (; iterations < (params.maxIter ?? 20000); iterations++) {
    const fv = smooth(v, grad);
    // Backtracking on the quadratic upper bound of the smooth part.
    for (;;) {
      prox(v, grad, step, next);
      let quad = fv;
      for (let i = 0; i < size; i++) {
        const d = next[i]! - v[i]!;
        quad += grad[i]! * d + (d * d) / (2 * step);
      }
      if (smooth(next, new Float64Array(size)) <= quad + 1e-12 * Math.abs(quad)) break;
      step *= 0.5;
      if (step < 1e-20) break;
    }
    const fNext = smooth(next, new Float64Array(size)) + l1(next);
    let move = 0;
    let scale = 0;
    for (let i = 0; i < size; i++) {
      move = Math.max(move, Math.abs(next[i]! - w[i]!));
      scale = Math.max(scale, Math.abs(next[i]!));
    }
    // Restart the momentum when the objective goes up (O'Donoghue & Candès).
    const restart = fNext > fw;
    const tNext = restart ? 1 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = restart ? 0 : (t - 1) / tNext;
    const prev = w;
    w = Float64Array.from(next);
    v = new Float64Array(size);
    for (let i = 0; i < size; i++) v[i] = w[i]! + beta * (w[i]! - prev[i]!);
    t = tNext;
    fw = fNext;
    if (move <= (params.tol ?? 1e-10) * Math.max(1, scale)) {
      converged = true;
      break;
    }
  }
  const coef = new Float64Array(k * f);
  const intercept = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    coef.set(w.subarray(c * width, c * width + f), c * f);
    intercept[c] = w[c * width + f]!;
  }
  return fittedLogistic(nClasses, f, coef, intercept, iterations, converged);
}

/** C · Σ −log p(y | x) and its gradient, over coefficients laid out [class][features..., intercept]. */
function smoothLoss(
  x: Matrix,
  y: Int32Array,
  nClasses: number,
  C: number,
): (w: Float64Array, grad: Float64Array) => number {
  const { rows: n, cols: f, data } = x;
  const k = nClasses === 2 ? 1 : nClasses;
  const width = f + 1;
  const scores = new Float64Array(k);
  return (w, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * f;
      for (let c = 0; c < k; c++) {
        let z = w[c * width + f]!;
        for (let j = 0; j < f; j++) z += w[c * width + j]! * data[row + j]!;
        scores[c] = z;
      }
      const yi = y[i]!;
      if (k === 1) {
        const z = scores[0]!;
        const tt = yi === 1 ? z : -z;
        loss += tt > 0 ? Math.log1p(Math.exp(-tt)) : -tt + Math.log1p(Math.exp(tt));
        const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        const r = C * (p - yi);
        for (let j = 0; j < f; j++) grad[j]! += r * data[row + j]!;
        grad[f]! += r;
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, scores[c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(scores[c]! - max);
        const logSum = max + Math.log(sum);
        loss += logSum - scores[yi]!;
        for (let c = 0; c < k; c++) {
          const r = C * (Math.exp(scores[c]! - logSum) - (c === yi ? 1 : 0));
          for (let j = 0; j < f; j++) grad[c * width + j]! += r * data[row + j]!;
          grad[c * width + f]! += r;
        }
      }
    }
    return C * loss;
  };
}
