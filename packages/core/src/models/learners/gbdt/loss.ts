/**
 * The losses of gradient boosting, as scikit-learn's `_loss` module: their starting raw score
 * (`fit_intercept_only`), per-row gradients and hessians with respect to the raw score, and the
 * mean loss that early stopping watches.
 * - squared error: ½(y − f)², prior mean(y), gradient f − y, hessian 1;
 * - binomial (two classes): log(1 + e^f) − y·f, prior logit(mean y), gradient σ(f) − y, hessian σ(1 − σ);
 * - multinomial (K > 2): logΣe^f − f_y, prior log p_k − mean_k log p_k, gradient p_k − [y = k],
 *   hessian p_k(1 − p_k).
 */
import { expNonPositive } from './exp-non-positive.js';

/** Which loss: enough to make it again (in the helper thread). */
export type LossName = 'squared-error' | 'binomial' | 'multinomial';

export interface Loss {
  readonly name: LossName;
  readonly nOutputs: number;
  readonly constantHessian: boolean;
  baseline(y: Float64Array): Float64Array;
  /** Fills gradient[k][i] and hessian[k][i] from raw scores (row-major n × nOutputs), for rows i in [start, end) (default all). */
  gradients(
    y: Float64Array,
    raw: Float64Array,
    gradient: Float32Array[],
    hessian: Float32Array[],
    start?: number,
    end?: number,
  ): void;
  /** The mean loss. */
  mean(y: Float64Array, raw: Float64Array): number;
}

function sigmoid(z: number): number {
  const e = expNonPositive(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

export const squaredError: Loss = {
  name: 'squared-error',
  nOutputs: 1,
  constantHessian: true,
  baseline(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    return Float64Array.of(s / y.length);
  },
  gradients(y, raw, gradient, _hessian, start = 0, end = y.length) {
    const g = gradient[0]!;
    for (let i = start; i < end; i++) g[i] = raw[i]! - y[i]!;
  },
  mean(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (y[i]! - raw[i]!) ** 2;
    return (0.5 * s) / y.length;
  },
};

export const binomial: Loss = {
  name: 'binomial',
  nOutputs: 1,
  constantHessian: false,
  baseline(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    const eps = 10 * Number.EPSILON;
    const p = Math.min(Math.max(s / y.length, eps), 1 - eps);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(y, raw, gradient, hessian, start = 0, end = y.length) {
    const g = gradient[0]!;
    const h = hessian[0]!;
    for (let i = start; i < end; i++) {
      const p = sigmoid(raw[i]!);
      g[i] = p - y[i]!;
      h[i] = p * (1 - p);
    }
  },
  mean(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const z = raw[i]!;
      // log(1 + e^z) without overflow
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    }
    return s / y.length;
  },
};

export function multinomial(k: number): Loss {
  const p = new Float64Array(k);
  const softmax = (raw: Float64Array, at: number) => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[at + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      p[c] = expNonPositive(raw[at + c]! - max);
      sum += p[c]!;
    }
    for (let c = 0; c < k; c++) p[c]! /= sum;
    return max + Math.log(sum);
  };
  return {
    name: 'multinomial',
    nOutputs: k,
    constantHessian: false,
    baseline(y) {
      const counts = new Float64Array(k);
      for (let i = 0; i < y.length; i++) counts[y[i]!]! += 1;
      const logs = Array.from(counts, (c) =>
        Math.log(Math.min(Math.max(c / y.length, Number.EPSILON), 1 - Number.EPSILON)),
      );
      const mean = logs.reduce((a, b) => a + b, 0) / k;
      return Float64Array.from(logs, (l) => l - mean);
    },
    gradients(y, raw, gradient, hessian, start = 0, end = y.length) {
      for (let i = start; i < end; i++) {
        softmax(raw, i * k);
        const yi = y[i]!;
        for (let c = 0; c < k; c++) {
          const pc = p[c]!;
          gradient[c]![i] = pc - (c === yi ? 1 : 0);
          hessian[c]![i] = pc * (1 - pc);
        }
      }
    },
    mean(y, raw) {
      let s = 0;
      for (let i = 0; i < y.length; i++) s += softmax(raw, i * k) - raw[i * k + y[i]!]!;
      return s / y.length;
    },
  };
}

/** The loss of that name (`nOutputs` classes for the multinomial one). */
export function lossNamed(name: LossName, nOutputs: number): Loss {
  return name === 'squared-error' ? squaredError : name === 'binomial' ? binomial : multinomial(nOutputs);
}
