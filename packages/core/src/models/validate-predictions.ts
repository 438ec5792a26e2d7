import { VigieError } from '../errors/index.js';
import type { Predictions } from './runtime.js';

/**
 * How far a row of probabilities may sum from 1, and a probability stray outside [0, 1]: float32
 * models stay well inside it (a forest's average of 1s can be 1.0000001).
 */
export const PROBABILITY_TOLERANCE = 1e-6;

function invalid(source: string, row: number, message: string): VigieError {
  return new VigieError('PARSE_ERROR', `${source}: invalid prediction at row ${row}: ${message}`, {
    details: { row, file: source },
  });
}

/**
 * Checks what a model returned before anyone uses it: one prediction per row, labels among the
 * classes, probabilities in [0, 1] summing to 1 (both within 1e-6) per row, finite regression
 * values.
 * Throws PARSE_ERROR naming `source` and the first bad row (1-based, `firstRow` being the row
 * number of the first prediction when checking one batch of a larger table).
 */
export function validatePredictions(p: Predictions, rows: number, source: string, firstRow = 1): void {
  if (p.rows !== rows)
    throw new VigieError('PARSE_ERROR', `${source}: ${p.rows} predictions for ${rows} rows`, {
      details: { file: source },
    });
  if (p.task === 'regression') {
    const v = p.values;
    if (!v || v.length !== rows)
      throw new VigieError('PARSE_ERROR', `${source}: ${v?.length ?? 0} values for ${rows} rows`, {
        details: { file: source },
      });
    for (let i = 0; i < rows; i++)
      if (!Number.isFinite(v[i]!)) throw invalid(source, firstRow + i, `value ${v[i]} is not finite`);
    return;
  }
  const k = p.classes?.length ?? 0;
  if (k === 0)
    throw new VigieError('PARSE_ERROR', `${source}: a classification without classes`, {
      details: { file: source },
    });
  const labels = p.labels;
  if (!labels || labels.length !== rows)
    throw new VigieError('PARSE_ERROR', `${source}: ${labels?.length ?? 0} labels for ${rows} rows`, {
      details: { file: source },
    });
  for (let i = 0; i < rows; i++) {
    const l = labels[i]!;
    if (!(l >= 0 && l < k))
      throw invalid(source, firstRow + i, `label index ${l} is not one of the ${k} classes`);
  }
  const prob = p.probabilities;
  if (!prob) return;
  if (prob.length !== rows * k)
    throw new VigieError(
      'PARSE_ERROR',
      `${source}: ${prob.length} probabilities for ${rows} rows × ${k} classes`,
      { details: { file: source } },
    );
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = i * k; j < i * k + k; j++) {
      const q = prob[j]!;
      if (!(q >= -PROBABILITY_TOLERANCE && q <= 1 + PROBABILITY_TOLERANCE))
        throw invalid(
          source,
          firstRow + i,
          `probability ${q} of class ${String(p.classes![j - i * k])} is not in [0, 1]`,
        );
      sum += q;
    }
    if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE)
      throw invalid(source, firstRow + i, `probabilities sum to ${sum}, not 1`);
  }
}

/**
 * Maps a model's label values (strings, numbers, bigints) to indices into `classes`; a value that
 * is not a class raises PARSE_ERROR naming the row. Numbers and their text are the same class
 * (`1` and `"1"`), as they are once written to a CSV file.
 */
export function createClassIndex(
  classes: ReadonlyArray<string | number>,
  source: string,
): (value: unknown, row: number) => number {
  const index = new Map(classes.map((c, i) => [String(c), i]));
  return (value, row) => {
    const i = index.get(String(value));
    if (i === undefined)
      throw invalid(
        source,
        row,
        `label ${JSON.stringify(typeof value === 'bigint' ? Number(value) : value)} is not one of the classes (${classes.join(', ')})`,
      );
    return i;
  };
}

/**
 * Brings probabilities that float32 rounding put just outside [0, 1] (within the tolerance that
 * `validatePredictions` allows) back to 0 or 1, so later metrics see true probabilities.
 */
export function clampProbabilities(p: Predictions): void {
  const prob = p.probabilities;
  if (!prob) return;
  for (let i = 0; i < prob.length; i++) {
    const q = prob[i]!;
    if (q > 1) prob[i] = 1;
    else if (q < 0) prob[i] = 0;
  }
}
