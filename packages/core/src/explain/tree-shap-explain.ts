import { VigieError } from '../errors/index.js';
import type { ModelSignature, OnnxTensorRunner, OnnxTrees, TreeEnsemble } from '../models/index.js';
import { treeShap, withCover } from '../models/index.js';
import type { Matrix } from '../stats/index.js';
import { createTable, type Table, takeColumn } from '../table/index.js';
import type { ShapResult } from './explanation.js';
import type { RowShap } from './kernel-shap.js';

/**
 * Exact Tree SHAP of rows of tree features (models/trees/tree-shap.ts' `treeShap`):
 * `values[(r · F + f) · K + k]` is feature f's contribution to raw output k for row r, and
 * expectedValue[k] the cover-weighted mean raw output, so that expectedValue + Σ_f values = the
 * ensemble's raw score (before its link).
 */
export type TreeShapFn = (
  ensemble: TreeEnsemble,
  x: Matrix,
) => { values: Float64Array; expectedValue: Float64Array };

export interface TreeShapOptions {
  /** Rows the node covers are counted on (ONNX files store none): the data, or a sample of it. */
  coverRows: Table;
  /** The Tree SHAP algorithm (models/trees/tree-shap.ts). */
  treeShap: TreeShapFn | null;
}

/**
 * Which raw column each tree feature comes from, found by running the model's front (the
 * operators between the raw columns and the ensemble) on `rows` with one column at a time moved by
 * one row: the features that change depend on that column. A one-hot indicator, a scaled or
 * imputed number, a category's code all map to their one column; a feature that depends on
 * several columns (a learned combination) cannot be attributed to one, and Tree SHAP on raw
 * columns is refused for that model. Features constant over `rows` map to none.
 */
export async function featureLineage(runner: OnnxTensorRunner, rows: Table): Promise<Int32Array> {
  const base = await runner.run(rows);
  const owner = new Int32Array(base.cols).fill(-1);
  const n = rows.rowCount;
  const shift = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
  for (const [j, name] of runner.columns.entries()) {
    const moved = createTable(rows.columns.map((c) => (c.name === name ? takeColumn(c, shift) : c)));
    const x = await runner.run(moved);
    for (let f = 0; f < base.cols; f++) {
      let changed = false;
      for (let i = 0; i < n && !changed; i++) {
        const a = base.data[i * base.cols + f]!;
        const b = x.data[i * base.cols + f]!;
        changed = a !== b && !(Number.isNaN(a) && Number.isNaN(b));
      }
      if (!changed) continue;
      if (owner[f]! >= 0 && owner[f] !== j)
        throw new VigieError(
          'UNSUPPORTED',
          `tree feature ${f} depends on both "${runner.columns[owner[f]!]}" and "${name}": its SHAP value cannot be given to one column (use the kernel method)`,
        );
      owner[f] = j;
    }
  }
  return owner;
}

/** The raw output names of an ensemble: the classes of a multiclass one, else one output. */
function rawOutputs(trees: OnnxTrees, signature: ModelSignature): string[] {
  const classes = signature.classes ?? trees.classes ?? [];
  if (trees.ensemble.nOutputs === 1)
    return [trees.ensemble.task === 'regression' ? 'value' : String(classes[1] ?? classes[0] ?? 'positive')];
  return Array.from({ length: trees.ensemble.nOutputs }, (_, k) => String(classes[k] ?? k));
}

/** What Tree SHAP values are in: the ensemble's raw score. */
export function treeScale(e: TreeEnsemble): string {
  if (e.link === 'logistic') return 'raw score (log-odds of the positive class)';
  if (e.link === 'softmax') return 'raw score (per-class logits before the softmax)';
  return e.task === 'regression' ? 'value' : 'probability (raw score of an averaging ensemble)';
}

/**
 * Tree SHAP (Lundberg et al. 2020) of an ONNX model's tree ensemble, stated on raw columns: the tree
 * features of `rows` are computed by the model's own front (`runner`), node covers are counted on
 * `coverRows`, each row's exact Tree SHAP values over tree features are summed per raw column
 * (a one-hot group's indicators add up to their column's contribution), in the ensemble's raw
 * score. Raises UNSUPPORTED when no Tree SHAP algorithm is given.
 */
export async function explainTrees(
  trees: OnnxTrees,
  runner: OnnxTensorRunner,
  signature: ModelSignature,
  rows: Table,
  options: TreeShapOptions,
): Promise<ShapResult> {
  const shap = options.treeShap;
  if (!shap)
    throw new VigieError(
      'UNSUPPORTED',
      'exact Tree SHAP is not available in this build; use --method kernel, which explains the same model from its predictions',
    );
  const coverX = await runner.run(options.coverRows);
  const ensemble = withCover(
    { ...trees.ensemble, nFeatures: Math.max(trees.ensemble.nFeatures, coverX.cols) },
    coverX,
  );
  const owner = await featureLineage(runner, options.coverRows);
  const x: Matrix = await runner.run(rows);
  const d = ensemble.nOutputs;
  const m = runner.columns.length;
  const s = shap(ensemble, x);
  const out: RowShap[] = [];
  for (let r = 0; r < x.rows; r++) {
    const at = r * x.cols * d;
    const values = new Float64Array(m * d);
    const prediction = Float64Array.from(s.expectedValue);
    for (let f = 0; f < x.cols; f++) {
      const j = owner[f]!;
      for (let k = 0; k < d; k++) {
        const v = s.values[at + f * d + k]!;
        prediction[k]! += v;
        if (j >= 0) values[j * d + k]! += v;
      }
    }
    out.push({ values, expectedValue: s.expectedValue, prediction, coalitions: 0, exact: true });
  }
  const names = rawOutputs(trees, signature);
  return {
    method: 'tree',
    columns: runner.columns,
    outputs: {
      kind: ensemble.task === 'regression' ? 'value' : 'probability',
      names,
      classIndex: ensemble.task === 'regression' ? [] : names.map((_, k) => (d === 1 ? 1 : k)),
    },
    rows: out,
  };
}

/**
 * The Tree SHAP algorithm this build has (models/trees/tree-shap.ts); `explainTrees` takes it as
 * a parameter so another implementation (or a reference in a test) can stand in.
 */
export const TREE_SHAP: TreeShapFn | null = treeShap;
