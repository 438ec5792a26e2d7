import { VigieError } from '../errors/index.js';
import type { Label } from '../metrics/index.js';
import type { Predictions, Task } from '../models/index.js';
import { type Column, formatValue, isMissing } from '../table/index.js';

/**
 * Truth and predictions aligned row by row, in the model's terms: class values (the model's
 * classes first, then any true label the model never saw) and probability rows over those
 * classes, or numbers for regression. Rows without a true label are left out and counted.
 */
export interface Prepared {
  task: Task;
  n: number;
  /** Classification: the true class of each kept row; regression: its true value. */
  yTrue: Label[] | Float64Array;
  yPred?: Label[];
  /** Per kept row, its probabilities over `modelClasses` (views into the model's output). */
  proba?: Float64Array[];
  /** The classes the model knows, in the order of its probability columns. */
  modelClasses: Label[];
  /** True labels the model does not know (it can never predict them). */
  unseen: Label[];
  values?: Float64Array;
  /** Rows left out because the label is missing. */
  missingLabels: number;
  /** The original row of each kept row. */
  rows: Int32Array;
}

export function prepareEvaluation(label: Column, predictions: Predictions): Prepared {
  const n = predictions.rows;
  if (label.storage === 'float64' ? label.values.length !== n : false)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `the label column "${label.name}" has a different number of rows than the predictions`,
    );
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (!isMissing(label, i)) kept.push(i);
  const rows = Int32Array.from(kept);
  if (rows.length === 0)
    throw new VigieError(
      'EMPTY_INPUT',
      `every value of the label column "${label.name}" is missing: nothing to evaluate`,
      {
        details: { column: label.name },
      },
    );
  if (predictions.task === 'regression') {
    if (label.storage !== 'float64')
      throw new VigieError(
        'TYPE_MISMATCH',
        `the model is a regressor but the label column "${label.name}" is not numeric`,
        {
          details: { column: label.name },
        },
      );
    const values = predictions.values!;
    return {
      task: 'regression',
      n: rows.length,
      yTrue: Float64Array.from(rows, (i) => label.values[i]!),
      values: Float64Array.from(rows, (i) => values[i]!),
      modelClasses: [],
      unseen: [],
      missingLabels: n - rows.length,
      rows,
    };
  }
  const classes = (predictions.classes ?? []) as Label[];
  const byText = new Map(classes.map((c) => [String(c), c]));
  const unseen = new Map<string, Label>();
  const numeric = label.storage === 'float64';
  const yTrue: Label[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const text = numeric ? String(label.values[i]) : formatValue(label, i)!;
    const known = byText.get(text);
    if (known !== undefined) yTrue[r] = known;
    else {
      const value: Label = numeric ? label.values[i]! : text;
      if (!unseen.has(text)) unseen.set(text, value);
      yTrue[r] = value;
    }
  }
  const labels = predictions.labels!;
  const yPred = Array.from(rows, (i) => classes[labels[i]!]!);
  const k = classes.length;
  const p = predictions.probabilities;
  const proba = p ? Array.from(rows, (i) => p.subarray(i * k, (i + 1) * k)) : undefined;
  return {
    task: 'classification',
    n: rows.length,
    yTrue,
    yPred,
    ...(proba ? { proba } : {}),
    modelClasses: classes,
    unseen: [...unseen.values()],
    missingLabels: n - rows.length,
    rows,
  };
}

/** The prepared rows at `index` (positions in the prepared rows), e.g. one slice. */
export function subsetPrepared(p: Prepared, index: ArrayLike<number>): Prepared {
  const idx = Array.from(index);
  const pick = <T>(a: ArrayLike<T>) => idx.map((i) => a[i]!);
  return {
    ...p,
    n: idx.length,
    yTrue:
      p.task === 'regression' ? Float64Array.from(pick(p.yTrue as Float64Array)) : pick(p.yTrue as Label[]),
    ...(p.yPred ? { yPred: pick(p.yPred) } : {}),
    ...(p.proba ? { proba: pick(p.proba) } : {}),
    ...(p.values ? { values: Float64Array.from(pick(p.values)) } : {}),
    rows: Int32Array.from(pick(p.rows)),
  };
}
