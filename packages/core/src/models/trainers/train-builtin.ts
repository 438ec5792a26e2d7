import { VigieError } from '../../errors/index.js';
import { formatValue, getColumn, isMissing, type Table } from '../../table/index.js';
import { linearRegression } from '../learners/linear-regression.js';
import { logisticRegression, logisticRegressionL1 } from '../learners/logistic-regression.js';
import { linearClassifierFromFront, linearRegressorFromFront } from '../onnx-export/linear-model.js';
import { type FittedPipeline, fitPipeline } from '../pipeline/feature-pipeline.js';
import { pipelineOnnx } from '../pipeline/pipeline-onnx.js';
import type { Predictions, Task } from '../runtime.js';
import type { ParamValue } from '../search/search-space.js';

export type BuiltinTrainer = 'logistic' | 'linear' | 'gbdt';
export const BUILTIN_TRAINERS: readonly BuiltinTrainer[] = ['logistic', 'linear', 'gbdt'];

export interface BuiltinTrainingInput {
  trainer: BuiltinTrainer;
  train: Table;
  /** Rows for early stopping (gbdt); the others ignore it. */
  validation?: Table | null;
  label: string;
  /** The columns to learn from (default: every usable column but the label). */
  features?: readonly string[];
  params?: Record<string, ParamValue>;
  seed?: number;
  /** Vigie's version, recorded as the ONNX producer. */
  producerVersion: string;
}

export interface BuiltinModel {
  trainer: BuiltinTrainer;
  task: Task;
  classes: string[] | null;
  /** The model type recorded in the registry, e.g. "vigie.logistic-regression". */
  modelType: string;
  /** Every parameter, defaults included. */
  params: Record<string, ParamValue>;
  pipeline: FittedPipeline;
  /** The self-contained ONNX model: raw columns in, label and probabilities (or value) out. */
  onnx: Uint8Array;
  /** What the training did, for the record (iterations, convergence, dropped columns). */
  notes: Record<string, unknown>;
  /** The same model run in process (the ONNX export must give the same, within float32). */
  predict(table: Table): Predictions;
}

/** A gradient-boosting trainer, plugged in by the gbdt module so this file does not depend on it. */
export type GbdtTrainer = (
  input: BuiltinTrainingInput,
  labels: LabelEncoding,
  pipeline: FittedPipeline,
) => BuiltinModel;

export interface LabelEncoding {
  task: Task;
  classes: string[] | null;
  /** Class indices (classification) or values (regression), one per row. */
  y: Int32Array | Float64Array;
}

/**
 * The label as the learners need it: class indices over the sorted classes (a categorical or
 * boolean label, or any label for the logistic trainer), or numbers (regression). Missing labels
 * are refused: drop or repair them first (vigie.yaml repair rules).
 */
export function encodeLabel(table: Table, label: string, task: Task): LabelEncoding {
  const col = getColumn(table, label);
  const n = table.rowCount;
  for (let i = 0; i < n; i++)
    if (isMissing(col, i))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `the label "${label}" is missing at row ${i + 1}: exclude or repair those rows first`,
        {
          details: { column: label, row: i + 1 },
        },
      );
  if (task === 'regression') {
    if (col.storage !== 'float64')
      throw new VigieError(
        'TYPE_MISMATCH',
        `a regression needs a numeric label, and "${label}" is ${col.type}`,
        { details: { column: label } },
      );
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(col.values[i]!))
        throw new VigieError('INVALID_ARGUMENT', `the label "${label}" is not finite at row ${i + 1}`, {
          details: { column: label, row: i + 1 },
        });
    return { task, classes: null, y: col.values };
  }
  const text = Array.from({ length: n }, (_, i) => formatValue(col, i)!);
  const classes = [...new Set(text)].sort();
  if (classes.length < 2)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `the label "${label}" has a single class (${classes[0] ?? 'none'}): there is nothing to learn`,
      {
        details: { column: label },
      },
    );
  if (classes.length > n / 2 && n > 20)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `the label "${label}" has ${classes.length} classes for ${n} rows: is it an identifier, or a number to regress?`,
      {
        details: { column: label },
      },
    );
  const index = new Map(classes.map((c, i) => [c, i]));
  return { task, classes, y: Int32Array.from(text, (t) => index.get(t)!) };
}

/** The task a label suggests: numeric → regression, anything else → classification. */
export function taskOf(table: Table, label: string, trainer: BuiltinTrainer): Task {
  if (trainer === 'logistic') return 'classification';
  if (trainer === 'linear') return 'regression';
  const col = getColumn(table, label);
  return col.storage === 'float64' && col.type !== 'integer'
    ? 'regression'
    : col.storage === 'float64'
      ? integerTask(col.values)
      : 'classification';
}

/** An integer label with few distinct values is a class label; many, a count to regress. */
function integerTask(values: Float64Array): Task {
  const distinct = new Set<number>();
  for (const v of values) {
    if (!Number.isNaN(v)) distinct.add(v);
    if (distinct.size > 20) return 'regression';
  }
  return 'classification';
}

const num = (v: ParamValue | undefined, fallback: number, name: string): number => {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `parameter "${name}" must be a number, got ${JSON.stringify(v)}`,
      { details: { field: name } },
    );
  return v;
};

/**
 * Trains a built-in learner on a table and exports it, its feature pipeline included, as one ONNX
 * model. Deterministic: the same table, parameters and seed give the same bytes.
 */
export function trainBuiltin(input: BuiltinTrainingInput, gbdt?: GbdtTrainer): BuiltinModel {
  const task = taskOf(input.train, input.label, input.trainer);
  const labels = encodeLabel(input.train, input.label, task);
  const params = input.params ?? {};
  // Only the named features, when named (each must exist: getColumn says which does not).
  for (const f of input.features ?? []) getColumn(input.train, f);
  const exclude = input.features
    ? input.train.columns.map((c) => c.name).filter((c) => c === input.label || !input.features!.includes(c))
    : [input.label];
  const pipeline = fitPipeline(input.train, { kind: input.trainer === 'gbdt' ? 'trees' : 'linear', exclude });
  if (input.trainer === 'gbdt') {
    if (!gbdt) throw new VigieError('UNSUPPORTED', 'the gbdt trainer is not available in this build');
    return gbdt(input, labels, pipeline);
  }
  const x = pipeline.transform(input.train);
  const front = pipelineOnnx(pipeline);
  const dropped = pipeline.dropped.length > 0 ? { dropped: pipeline.dropped } : {};
  if (input.trainer === 'logistic') {
    const C = num(params.C, 1, 'C');
    const penalty = params.penalty ?? 'l2';
    if (penalty !== 'l1' && penalty !== 'l2')
      throw new VigieError(
        'INVALID_ARGUMENT',
        `parameter "penalty" must be "l1" or "l2", got ${JSON.stringify(penalty)}`,
        { details: { field: 'penalty' } },
      );
    const y = labels.y as Int32Array;
    const k = labels.classes!.length;
    const fitted =
      penalty === 'l1' ? logisticRegressionL1(x, y, k, { C }) : logisticRegression(x, y, k, { C });
    return {
      trainer: 'logistic',
      task,
      classes: labels.classes,
      modelType: 'vigie.logistic-regression',
      params: { C, penalty },
      pipeline,
      onnx: linearClassifierFromFront(front, {
        nFeatures: x.cols,
        classes: labels.classes!,
        coefficients: fitted.coef,
        intercepts: fitted.intercept,
        producerVersion: input.producerVersion,
      }),
      notes: {
        iterations: fitted.iterations,
        converged: fitted.converged,
        features: pipeline.features.length,
        ...dropped,
      },
      predict(table) {
        const proba = fitted.predictProba(pipeline.transform(table));
        const out = new Int32Array(table.rowCount);
        for (let i = 0; i < table.rowCount; i++) {
          let best = 0;
          for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + best]!) best = c;
          out[i] = best;
        }
        return { task, rows: table.rowCount, classes: labels.classes!, labels: out, probabilities: proba };
      },
    };
  }
  const alpha = num(params.alpha, 0, 'alpha');
  const fitted = linearRegression(x, labels.y as Float64Array, { alpha });
  return {
    trainer: 'linear',
    task,
    classes: null,
    modelType: alpha > 0 ? 'vigie.ridge-regression' : 'vigie.linear-regression',
    params: { alpha },
    pipeline,
    onnx: linearRegressorFromFront(front, {
      nFeatures: x.cols,
      coefficients: fitted.coef,
      intercept: fitted.intercept,
      producerVersion: input.producerVersion,
    }),
    notes: { features: pipeline.features.length, ...dropped },
    predict(table) {
      return { task, rows: table.rowCount, values: fitted.predict(pipeline.transform(table)) };
    },
  };
}
