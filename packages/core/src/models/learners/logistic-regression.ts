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
