import type { Task } from '../models/index.js';
import { formatValue, getColumn, type Table } from '../table/index.js';
import type { KernelShapResult, RowShap } from './kernel-shap.js';
import type { LimeResult } from './lime-tabular.js';
import type { ExplainedOutputs } from './model-output.js';
import type { PermutationImportanceResult } from './permutation-importance.js';

/** SHAP values of many rows in one or more outputs, from Kernel or Tree SHAP. */
export interface ShapResult {
  method: 'kernel' | 'tree';
  columns: string[];
  outputs: ExplainedOutputs;
  rows: RowShap[];
}

/** Global SHAP view: per column, the mean |SHAP value| over the explained rows, per output. */
export interface GlobalShap {
  method: 'kernel' | 'tree';
  /** What the values are in: probabilities, values, or a tree ensemble's raw score (log-odds for boosting). */
  scale: string;
  outputs: string[];
  rows: number;
  /** Every row's values are exact (all coalitions enumerated, or Tree SHAP). */
  exact: boolean;
  columns: Array<{ column: string; meanAbs: number[] }>;
  expectedValue: number[];
}

/** One row's SHAP contributions: expectedValue + Σ contributions = prediction, per output. */
export interface LocalShap {
  method: 'kernel' | 'tree';
  scale: string;
  /** 1-based row of the data. */
  row: number;
  outputs: string[];
  expectedValue: number[];
  prediction: number[];
  exact: boolean;
  contributions: Array<{ column: string; value: string | null; shap: number[] }>;
}

/** What `vigie explain` reports (and the report's explanation section draws). */
export interface Explanation {
  model: string;
  task: Task;
  /** The data explained, and its rows. */
  data: string;
  rows: number;
  shap?: GlobalShap;
  permutation?: PermutationImportanceResult;
  local?: { row: number; shap?: LocalShap; lime?: LimeResult };
  /** Settings worth stating (background rows, samples, seed) and what was not computed and why. */
  notes: string[];
}

/** Mean |SHAP| per column and output over the rows of a SHAP result. */
export function globalShap(r: ShapResult | KernelShapResult, scale: string): GlobalShap {
  const d = r.outputs.names.length;
  const n = r.rows.length;
  const sums = r.columns.map(() => new Float64Array(d));
  for (const row of r.rows)
    r.columns.forEach((_, j) => {
      for (let k = 0; k < d; k++) sums[j]![k]! += Math.abs(row.values[j * d + k]!) / n;
    });
  return {
    method: r.method,
    scale,
    outputs: r.outputs.names,
    rows: n,
    exact: r.rows.every((x) => x.exact),
    columns: r.columns.map((column, j) => ({ column, meanAbs: Array.from(sums[j]!) })),
    expectedValue: Array.from(r.rows[0]?.expectedValue ?? []),
  };
}

/** One row of a SHAP result as contributions, with the row's values from `table` (its `dataRow`-th row, 0-based). */
export function localShap(
  r: ShapResult | KernelShapResult,
  index: number,
  table: Table,
  dataRow: number,
  scale: string,
): LocalShap {
  const row = r.rows[index]!;
  const d = r.outputs.names.length;
  return {
    method: r.method,
    scale,
    row: dataRow + 1,
    outputs: r.outputs.names,
    expectedValue: Array.from(row.expectedValue),
    prediction: Array.from(row.prediction),
    exact: row.exact,
    contributions: r.columns.map((column, j) => ({
      column,
      value: formatValue(getColumn(table, column), dataRow),
      shap: Array.from(row.values.subarray(j * d, (j + 1) * d)),
    })),
  };
}
