import type { ModelSignature, Predictions } from './runtime.js';

/**
 * Empty predictions for `rows` rows, filled batch by batch in place (no copies per batch).
 * Classification gets labels, and probabilities when the model gives them; regression gets values.
 */
export function allocatePredictions(
  signature: ModelSignature,
  rows: number,
  withProbabilities: boolean,
): Predictions {
  if (signature.task === 'regression') return { task: 'regression', rows, values: new Float64Array(rows) };
  const classes = signature.classes ?? [];
  return {
    task: 'classification',
    rows,
    classes,
    labels: new Int32Array(rows),
    ...(withProbabilities ? { probabilities: new Float64Array(rows * classes.length) } : {}),
  };
}

/** Index of the largest probability of row `i` (the first on ties), as argmax does. */
export function argmaxRow(probabilities: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  let max = probabilities[i * k]!;
  for (let j = 1; j < k; j++) {
    const q = probabilities[i * k + j]!;
    if (q > max) {
      max = q;
      best = j;
    }
  }
  return best;
}
