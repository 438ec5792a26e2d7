import { VigieError } from '../errors/index.js';
import type { ModelRuntime } from '../models/index.js';
import { type Column, findColumn, type Table } from '../table/index.js';

/**
 * The raw columns a model reads, in its order: its signature's inputs, or (a model server that
 * does not list them) every column of the table but the label. Explanations are stated on these
 * columns, as the user sees them, whatever features the model derives from them.
 */
export function modelColumns(model: ModelRuntime, table: Table, label?: string): Column[] {
  const names =
    model.signature.inputs.length > 0
      ? model.signature.inputs.map((f) => f.name)
      : table.columns.map((c) => c.name).filter((n) => n !== label);
  const absent = names.filter((n) => !findColumn(table, n));
  if (absent.length > 0)
    throw new VigieError(
      'COLUMN_NOT_FOUND',
      `${table.source ? `${table.source}: ` : ''}missing column${absent.length > 1 ? 's' : ''} ${absent.map((c) => `"${c}"`).join(', ')} that the model takes as input`,
      { details: { column: absent[0]! } },
    );
  if (label !== undefined && names.includes(label))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `the label column "${label}" is one of the model's inputs: it would be explained by the answer`,
      { details: { column: label } },
    );
  if (names.length === 0)
    throw new VigieError('EMPTY_INPUT', 'the model reads no column: nothing to explain');
  return names.map((n) => findColumn(table, n)!);
}
