import { VigieError } from '../../errors/index.js';
import { argmaxRow } from '../predictions.js';
import type { ModelSignature, Predictions } from '../runtime.js';
import { createClassIndex } from '../validate-predictions.js';

/** Where a protocol writes the predictions of one batch (row `i` counts from the batch start). */
export interface BatchSink {
  readonly rows: number;
  label(i: number, value: unknown): void;
  /** As an array in class order, or an object class → probability. */
  probabilities(i: number, value: unknown): void;
  value(i: number, value: unknown): void;
  /** A structural problem with the answer: PARSE_ERROR naming the URL. */
  malformed(message: string): VigieError;
}

/**
 * Collects the predictions of every batch into arrays for the whole table, checking each value
 * as it comes: a label must be a class, probabilities one number per class (an object must name
 * only classes), a value a number. Either every row has probabilities or none does.
 */
export function createPredictionCollector(signature: ModelSignature, rows: number, source: string) {
  const classes = signature.classes ?? [];
  const k = classes.length;
  const classIndex = createClassIndex(classes, source);
  const position = new Map(classes.map((c, i) => [String(c), i]));
  const labels = new Int32Array(rows).fill(-1);
  const probabilities = new Float64Array(rows * k).fill(Number.NaN);
  const values = new Float64Array(rows).fill(Number.NaN);
  const hasProbabilities = new Uint8Array(rows);
  const invalid = (row: number, message: string) =>
    new VigieError('PARSE_ERROR', `${source}: invalid prediction at row ${row + 1}: ${message}`, {
      details: { row: row + 1, file: source },
    });

  const probability = (row: number, q: unknown, j: number): number => {
    if (typeof q !== 'number')
      throw invalid(row, `probability ${JSON.stringify(q)} of class ${String(classes[j])} is not a number`);
    return q;
  };

  function sink(start: number, n: number): BatchSink {
    return {
      rows: n,
      label(i, value) {
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
          throw invalid(start + i, `label ${JSON.stringify(value)} is not a class`);
        labels[start + i] = classIndex(value, start + i + 1);
      },
      probabilities(i, value) {
        const at = (start + i) * k;
        if (Array.isArray(value)) {
          if (value.length !== k) throw invalid(start + i, `${value.length} probabilities for ${k} classes`);
          value.forEach((q, j) => {
            probabilities[at + j] = probability(start + i, q, j);
          });
        } else if (value !== null && typeof value === 'object') {
          for (const [c, q] of Object.entries(value)) {
            const j = position.get(c);
            if (j === undefined)
              throw invalid(
                start + i,
                `probability of "${c}", which is not one of the classes (${classes.join(', ')})`,
              );
            probabilities[at + j] = probability(start + i, q, j);
          }
        } else
          throw invalid(start + i, `probabilities ${JSON.stringify(value)} are neither a list nor an object`);
        for (let j = 0; j < k; j++)
          if (Number.isNaN(probabilities[at + j]!))
            throw invalid(start + i, `no probability for class ${String(classes[j])}`);
        hasProbabilities[start + i] = 1;
      },
      value(i, value) {
        if (typeof value !== 'number')
          throw invalid(start + i, `value ${JSON.stringify(value)} is not a number`);
        values[start + i] = value;
      },
      malformed: (message) =>
        new VigieError('PARSE_ERROR', `${source}: ${message}`, { details: { file: source } }),
    };
  }

  /** The predictions, once every row has its answer. */
  function finish(): Predictions {
    if (signature.task === 'regression') {
      for (let i = 0; i < rows; i++) if (Number.isNaN(values[i]!)) throw invalid(i, 'no value');
      return { task: 'regression', rows, values };
    }
    const withProbabilities = hasProbabilities.reduce((a, b) => a + b, 0);
    if (withProbabilities > 0 && withProbabilities < rows)
      throw invalid(hasProbabilities.indexOf(0), 'no probabilities, while other rows have them');
    for (let i = 0; i < rows; i++) {
      if (labels[i] !== -1) continue;
      if (withProbabilities === 0) throw invalid(i, 'neither a label nor probabilities');
      labels[i] = argmaxRow(probabilities, i, k);
    }
    return {
      task: 'classification',
      rows,
      classes,
      labels,
      ...(withProbabilities > 0 ? { probabilities } : {}),
    };
  }

  return { sink, finish };
}
