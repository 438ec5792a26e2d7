import { VigieError } from '../errors/index.js';
import type { ModelSignature } from '../models/runtime.js';
import {
  BOOL_MISSING,
  boolColumn,
  type Column,
  createTable,
  dictColumnFromStrings,
  float64Column,
  type Table,
} from '../table/index.js';
import type { PredictionLog, PredictionLogFilter } from './prediction-log.js';

export interface LabelledTableOptions {
  /** The ground-truth column (default 'label'). */
  labelColumn?: string;
  /** The model's answer (default 'prediction'; null leaves it out). */
  predictionColumn?: string | null;
  /** The prediction id, for lineage (default 'prediction_id'; null leaves it out). */
  idColumn?: string | null;
  /** Count probe predictions too (default false). */
  includeProbes?: boolean;
}

type Cell = unknown;

/**
 * The labelled predictions of a log as a Table, for retraining (`vigie flywheel`): one row per
 * prediction with feedback carrying a label (classification) or a value (regression), columns
 * the signature's inputs (as logged, so after anonymization: a dropped field is all missing, a
 * hashed one is text), then the label, the prediction and the prediction id. Column types follow
 * the signature (numeric and integer as float64, boolean, categorical, text); the label is
 * categorical for classification (numeric classes keep their text) and numeric for regression.
 * Values of the wrong type become missing.
 */
export async function labelledTable(
  log: Pick<PredictionLog, 'joined'>,
  filter: PredictionLogFilter,
  signature: Pick<ModelSignature, 'task' | 'inputs'>,
  options: LabelledTableOptions = {},
): Promise<Table> {
  const labelName = options.labelColumn ?? 'label';
  const predictionName = options.predictionColumn === undefined ? 'prediction' : options.predictionColumn;
  const idName = options.idColumn === undefined ? 'prediction_id' : options.idColumn;
  const extra = [labelName, predictionName, idName].filter((n): n is string => n !== null);
  const clash = extra.find((n) => signature.inputs.some((f) => f.name === n));
  if (clash !== undefined || new Set(extra).size !== extra.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `column "${clash ?? extra.find((n, i) => extra.indexOf(n) !== i)}" would appear twice in the labelled table: choose another name`,
      { details: { field: 'labelColumn' } },
    );
  const regression = signature.task === 'regression';
  const inputs: Cell[][] = signature.inputs.map(() => []);
  const labels: Cell[] = [];
  const predictions: Cell[] = [];
  const ids: string[] = [];
  for await (const { prediction: p, feedback: f } of log.joined(filter)) {
    if (p.probe && !options.includeProbes) continue;
    const truth = regression ? f.value : f.label;
    if (truth === undefined || truth === null) continue;
    for (let j = 0; j < signature.inputs.length; j++) inputs[j]!.push(p.inputs[signature.inputs[j]!.name]);
    labels.push(truth);
    predictions.push(regression ? p.output.value : p.output.label);
    ids.push(p.id);
  }
  const columns: Column[] = signature.inputs.map((field, j) => toColumn(field.name, field.type, inputs[j]!));
  const targetType = regression ? 'numeric' : 'categorical';
  columns.push(toColumn(labelName, targetType, labels));
  if (predictionName !== null) columns.push(toColumn(predictionName, targetType, predictions));
  if (idName !== null) columns.push(dictColumnFromStrings(idName, ids, 'id'));
  return createTable(columns, 'prediction log');
}

function toColumn(name: string, type: string, cells: readonly Cell[]): Column {
  if (type === 'numeric' || type === 'integer' || type === 'datetime') {
    const values = new Float64Array(cells.length);
    cells.forEach((c, i) => {
      values[i] = typeof c === 'number' ? c : Number.NaN;
    });
    return float64Column(name, values, type);
  }
  if (type === 'boolean') {
    const values = new Uint8Array(cells.length);
    cells.forEach((c, i) => {
      values[i] = c === true ? 1 : c === false ? 0 : BOOL_MISSING;
    });
    return boolColumn(name, values);
  }
  const kind = type === 'text' || type === 'id' ? type : 'categorical';
  return dictColumnFromStrings(
    name,
    cells.map((c) =>
      c === null || c === undefined ? null : typeof c === 'object' ? JSON.stringify(c) : String(c),
    ),
    kind,
  );
}
