import { VigieError } from '../errors/index.js';
import type { ModelSignature, Predictions } from '../models/index.js';

/**
 * What an explanation explains: numbers per row that the model gives. A regressor's value; a
 * classifier's probability of each class, or only of the positive class when there are two (the
 * other is its complement, so it would carry the same explanation with the sign flipped). A
 * classifier without probabilities is explained through the indicator of its predicted class.
 */
export interface ExplainedOutputs {
  kind: 'value' | 'probability' | 'predicted-class indicator';
  /** One name per output: `value`, or the class. */
  names: string[];
  /** The class index of each output (classification). */
  classIndex: number[];
}

/** The outputs of a model with this signature (as `predict` answers). */
export function explainedOutputs(signature: ModelSignature, withProbabilities: boolean): ExplainedOutputs {
  if (signature.task === 'regression') return { kind: 'value', names: ['value'], classIndex: [] };
  const classes = signature.classes ?? [];
  const index = classes.length === 2 ? [1] : classes.map((_, i) => i);
  return {
    kind: withProbabilities ? 'probability' : 'predicted-class indicator',
    names: index.map((i) => String(classes[i])),
    classIndex: index,
  };
}

/** The explained outputs of n predicted rows, row-major n × names.length. */
export function outputMatrix(predictions: Predictions, outputs: ExplainedOutputs): Float64Array {
  const n = predictions.rows;
  if (outputs.kind === 'value') {
    if (!predictions.values) throw new VigieError('UNSUPPORTED', 'the model returned no values to explain');
    return Float64Array.from(predictions.values);
  }
  const d = outputs.classIndex.length;
  const k = predictions.classes?.length ?? 0;
  const out = new Float64Array(n * d);
  const p = predictions.probabilities;
  const labels = predictions.labels;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const c = outputs.classIndex[j]!;
      out[i * d + j] = p && outputs.kind === 'probability' ? p[i * k + c]! : labels![i] === c ? 1 : 0;
    }
  return out;
}
