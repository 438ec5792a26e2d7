import { VigieError } from '@vigie/core/errors';
import { type Prepared, prepareEvaluation } from '@vigie/core/evaluation';
import type { Label } from '@vigie/core/metrics';
import type { ModelRuntime } from '@vigie/core/models';
import { formatValue, getColumn, type Table } from '@vigie/core/table';

/** Runs the model on the table and aligns its predictions with the label column. */
export async function scoreTable(runtime: ModelRuntime, table: Table, label: string): Promise<Prepared> {
  const column = getColumn(table, label);
  const inputs = new Set(runtime.signature.inputs.map((i) => i.name));
  if (inputs.has(label))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `the label column "${label}" is one of the model's inputs: it would be evaluated on the answer`,
      {
        details: { column: label },
      },
    );
  const predictions = await runtime.predict(table);
  return prepareEvaluation(column, predictions);
}

/** The values of a column for the prepared rows, as slice keys. */
export function sliceValuesOf(table: Table, column: string, prepared: Prepared): Label[] {
  const col = getColumn(table, column);
  return Array.from(prepared.rows, (i) => formatValue(col, i) ?? '(missing)');
}
