import type { ModelSignature, Predictions } from '@vigie/core/models';
import {
  type Column,
  createTable,
  dictColumn,
  float64Column,
  getColumn,
  type Table,
} from '@vigie/core/table';
import { UsageError } from '../exit-codes.js';

/**
 * One row per input row: the id column passed through (when asked), the predicted `label` (or
 * `value`), then `proba_<class>` per class when the model gives probabilities.
 */
export function predictionsTable(data: Table, p: Predictions, idColumn: string | undefined): Table {
  const columns: Column[] = [];
  if (idColumn) columns.push(getColumn(data, idColumn));
  if (p.task === 'regression') columns.push(float64Column('value', p.values!));
  else {
    const classes = p.classes ?? [];
    // Labels are indices into the classes, which is what a dictionary column holds.
    if (classes.every((c) => typeof c === 'number'))
      columns.push(
        float64Column(
          'label',
          Float64Array.from(p.labels!, (l) => classes[l] as number),
          classes.every((c) => Number.isInteger(c)) ? 'integer' : 'numeric',
        ),
      );
    else columns.push(dictColumn('label', p.labels!, classes.map(String)));
    const k = classes.length;
    const prob = p.probabilities;
    if (prob)
      classes.forEach((c, j) => {
        const values = new Float64Array(p.rows);
        for (let i = 0; i < p.rows; i++) values[i] = prob[i * k + j]!;
        columns.push(float64Column(`proba_${String(c)}`, values));
      });
  }
  return createTable(columns);
}

/** The id column exists and does not clash with an output column (checked before predicting). */
export function checkIdColumn(data: Table, idColumn: string, signature: ModelSignature): void {
  getColumn(data, idColumn);
  const outputs =
    signature.task === 'regression'
      ? ['value']
      : ['label', ...(signature.classes ?? []).map((c) => `proba_${String(c)}`)];
  if (outputs.includes(idColumn))
    throw new UsageError(
      `--id ${idColumn}: the output already has a column "${idColumn}"; pick another id column`,
    );
}
