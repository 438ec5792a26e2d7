import type { Table } from '../table/index.js';

export type Task = 'classification' | 'regression';

/** A named, typed field of a model's input or output. */
export interface SignatureField {
  name: string;
  /** A Vigie semantic type for inputs (numeric, integer, boolean, categorical, text...), a tensor type for outputs. */
  type: string;
}

/**
 * What a model takes and gives: read from the model where the format says it, or declared.
 * Stored with the model version in the registry.
 */
export interface ModelSignature {
  task: Task;
  /** The input columns, in the order the model reads them. */
  inputs: SignatureField[];
  outputs: SignatureField[];
  /** Classification: the classes, in the order of the probability columns. */
  classes?: Array<string | number>;
}

/**
 * Predictions for n rows. Classification: `labels[i]` is an index into `classes`, and
 * `probabilities` (when the model gives them) is n × classes.length, row-major. Regression: `values`.
 */
export interface Predictions {
  task: Task;
  rows: number;
  classes?: Array<string | number>;
  labels?: Int32Array;
  probabilities?: Float64Array;
  values?: Float64Array;
}

export interface PredictOptions {
  /** Called after each batch with the rows predicted so far and the total (large tables take a while). */
  onProgress?: (rows: number, total: number) => void;
}

/** A model that predicts on a Table: ONNX Runtime in process, or a remote model server. */
export interface ModelRuntime extends AsyncDisposable {
  /** `onnx`, or `http:<protocol>` for a model server. */
  readonly format: string;
  readonly signature: ModelSignature;
  /** One prediction per row, checked (see validatePredictions) before it is returned. */
  predict(table: Table, options?: PredictOptions): Promise<Predictions>;
}
