import { type ModelSignature, type Predictions, validatePredictions } from '@vigie/core/models';
import type { PredictionOutput } from '@vigie/core/monitor';
import { HttpError } from '../http/http-error.js';

/**
 * Checks a model's answer before anyone sees it: what `validatePredictions` checks (one
 * prediction per row, labels among the classes, probabilities in [0, 1] summing to 1, finite
 * values), plus the task and the classes of the signature the gateway validated the inputs with.
 * An invalid answer is the model's fault, not the caller's: 502 INVALID_MODEL_OUTPUT.
 */
export function checkAnswer(p: Predictions, rows: number, signature: ModelSignature, ref: string): void {
  try {
    if (p.task !== signature.task)
      throw new Error(`the model answered a ${p.task} for a ${signature.task} signature`);
    if (signature.task === 'classification') {
      const expected = signature.classes ?? [];
      const got = p.classes ?? [];
      if (got.length !== expected.length || got.some((c, i) => String(c) !== String(expected[i])))
        throw new Error(`the model answered classes other than its signature's`);
    }
    validatePredictions(p, rows, ref);
  } catch (error) {
    throw new HttpError(
      502,
      'INVALID_MODEL_OUTPUT',
      `${ref} gave an invalid answer, which was not returned: ${(error as Error).message}`,
    );
  }
}

/** Row `i` of checked predictions, as the API answers it and the prediction log records it. */
export function outputOf(p: Predictions, i: number): PredictionOutput {
  if (p.task === 'regression') return { value: p.values![i]! };
  const classes = p.classes!;
  const label = classes[p.labels![i]!]!;
  const prob = p.probabilities;
  if (!prob) return { label };
  const k = classes.length;
  const probabilities: Record<string, number> = {};
  for (let j = 0; j < k; j++) probabilities[String(classes[j])] = prob[i * k + j]!;
  return { label, probabilities };
}
