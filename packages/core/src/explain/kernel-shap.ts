import { VigieError } from '../errors/index.js';
import type { ModelRuntime } from '../models/index.js';
import { createRandom } from '../random/index.js';
import type { Table } from '../table/index.js';
import { composeRows, sameValue, stackRows } from './compose-rows.js';
import { modelColumns } from './model-columns.js';
import { type ExplainedOutputs, explainedOutputs, outputMatrix } from './model-output.js';
import { autoSamples, shapleyCoalitions } from './shapley-coalitions.js';
import { solveSymmetric } from './symmetric-solve.js';

export interface KernelShapOptions {
  /** The rows that stand for "the feature is unknown" (a seeded sample of the data: see `sampleRows`). */
  background: Table;
  /** Coalitions per explained row: 'auto' (default) is 2M + 2048, capped at the 2^M − 2 there are. */
  nSamples?: number | 'auto';
  /** Seeds the coalitions drawn at random (none when all are enumerated). Default 0. */
  seed?: number;
}

/** SHAP values of one row: `values[j * outputs + d]` is column j's contribution to output d. */
export interface RowShap {
  values: Float64Array;
  /** The model's mean output over the background, per output (E[f(X)]). */
  expectedValue: Float64Array;
  /** The model's output for the row, per output: expectedValue + Σ_j values = prediction. */
  prediction: Float64Array;
  /** Coalitions evaluated, and whether they were all of them (then the values are exact). */
  coalitions: number;
  exact: boolean;
}

export interface KernelShapResult {
  method: 'kernel';
  columns: string[];
  outputs: ExplainedOutputs;
  rows: RowShap[];
  backgroundRows: number;
  nSamples: number | 'auto';
  seed: number;
}

/**
 * Kernel SHAP (Lundberg & Lee 2017), as shap.KernelExplainer with the identity link: for each row
 * x, coalitions z of its columns are chosen with the Shapley kernel (see `shapleyCoalitions`); the
 * model is run on x's values for the columns in z and each background row's values for the
 * others, and averaged over the background: v(z). The SHAP values solve the weighted least
 * squares fit of v(z) − E[f] on z under the efficiency constraint Σ φ = f(x) − E[f] (one column
 * eliminated, as shap does), so contributions + expected value = prediction exactly. Columns whose
 * value equals every background row's get 0 and are left out of the fit (as shap's varying
 * groups). Works on any `ModelRuntime` and on raw columns: a categorical column is one player.
 * Cost: coalitions × background rows model evaluations per row (2,068 × 100 by default).
 *
 * @example
 *   const background = sampleRows(data, 100, 0);
 *   const r = await kernelShap(model, takeRows(data, [7]), { background });
 *   r.rows[0].values // columns × outputs
 */
export async function kernelShap(
  model: ModelRuntime,
  rows: Table,
  options: KernelShapOptions,
): Promise<KernelShapResult> {
  const { background } = options;
  if (background.rowCount === 0)
    throw new VigieError('EMPTY_INPUT', 'Kernel SHAP needs at least one background row');
  const seed = options.seed ?? 0;
  const rowCols = modelColumns(model, rows);
  const bgCols = modelColumns(model, background);
  const pool = stackRows(bgCols, rowCols); // background rows first, then the explained rows
  const nb = background.rowCount;
  const baseline = await model.predict(
    composeRows(
      bgCols,
      bgCols.map(() => range(nb)),
    ),
  );
  const outputs = explainedOutputs(model.signature, baseline.probabilities !== undefined);
  const d = outputs.names.length;
  const bgOut = outputMatrix(baseline, outputs);
  const expectedValue = new Float64Array(d);
  for (let b = 0; b < nb; b++) for (let k = 0; k < d; k++) expectedValue[k]! += bgOut[b * d + k]! / nb;
  const own = await model.predict(
    composeRows(
      rowCols,
      rowCols.map(() => range(rows.rowCount)),
    ),
  );
  const fx = outputMatrix(own, outputs);
  const rng = createRandom(seed);
  const out: RowShap[] = [];
  for (let r = 0; r < rows.rowCount; r++) {
    const prediction = fx.slice(r * d, (r + 1) * d);
    out.push(
      await explainRow(model, pool, nb, nb + r, {
        outputs,
        expectedValue,
        prediction,
        nSamples: options.nSamples ?? 'auto',
        rng: rng.derive(r),
      }),
    );
  }
  return {
    method: 'kernel',
    columns: rowCols.map((c) => c.name),
    outputs,
    rows: out,
    backgroundRows: nb,
    nSamples: options.nSamples ?? 'auto',
    seed,
  };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

interface RowContext {
  outputs: ExplainedOutputs;
  expectedValue: Float64Array;
  prediction: Float64Array;
  nSamples: number | 'auto';
  rng: ReturnType<typeof createRandom>;
}

async function explainRow(
  model: ModelRuntime,
  pool: ReturnType<typeof stackRows>,
  nb: number,
  at: number,
  ctx: RowContext,
): Promise<RowShap> {
  const { expectedValue, prediction } = ctx;
  const p = pool.length;
  const d = expectedValue.length;
  const values = new Float64Array(p * d);
  const varying: number[] = [];
  for (let j = 0; j < p; j++) {
    const col = pool[j]!;
    for (let b = 0; b < nb; b++)
      if (!sameValue(col, at, b)) {
        varying.push(j);
        break;
      }
  }
  const m = varying.length;
  const done = (coalitions: number, exact: boolean): RowShap => ({
    values,
    expectedValue,
    prediction,
    coalitions,
    exact,
  });
  if (m === 0) return done(0, true);
  if (m === 1) {
    for (let k = 0; k < d; k++) values[varying[0]! * d + k] = prediction[k]! - expectedValue[k]!;
    return done(0, true);
  }
  const budget = ctx.nSamples === 'auto' ? autoSamples(m) : ctx.nSamples;
  if (!Number.isSafeInteger(budget) || budget < 1)
    throw new VigieError('INVALID_ARGUMENT', `nSamples must be a positive integer, got ${budget}`);
  const c = shapleyCoalitions(m, budget, ctx.rng);
  // Synthetic row s·nb + b: the explained row's value where the coalition has the column,
  // background row b's elsewhere.
  const picks = pool.map(() => new Int32Array(c.count * nb));
  for (let s = 0; s < c.count; s++)
    for (let b = 0; b < nb; b++) {
      const r = s * nb + b;
      for (let j = 0; j < p; j++) picks[j]![r] = b;
      for (let v = 0; v < m; v++) if (c.masks[s * m + v]) picks[varying[v]!]![r] = at;
    }
  const predictions = await model.predict(composeRows(pool, picks));
  const f = outputMatrix(predictions, ctx.outputs);
  const ey = new Float64Array(c.count * d);
  for (let s = 0; s < c.count; s++)
    for (let b = 0; b < nb; b++) for (let k = 0; k < d; k++) ey[s * d + k]! += f[(s * nb + b) * d + k]! / nb;
  for (let k = 0; k < d; k++) {
    const phi = solveConstrained(c.masks, c.weights, c.count, m, ey, d, k, expectedValue[k]!, prediction[k]!);
    for (let v = 0; v < m; v++) values[varying[v]! * d + k] = phi[v]!;
  }
  return done(c.count, c.exhaustive);
}

/**
 * shap's KernelExplainer.solve: with the last column eliminated through Σφ = f(x) − E[f], the
 * weighted least squares of (v(z) − E[f]) − z_last·(f(x) − E[f]) on (z_j − z_last), j < M − 1.
 */
function solveConstrained(
  masks: Uint8Array,
  weights: Float64Array,
  count: number,
  m: number,
  ey: Float64Array,
  d: number,
  k: number,
  fnull: number,
  fx: number,
): Float64Array {
  const q = m - 1;
  const total = fx - fnull;
  const a = new Float64Array(q * q);
  const rhs = new Float64Array(q);
  const e = new Float64Array(q);
  for (let s = 0; s < count; s++) {
    const last = masks[s * m + q]!;
    const y = ey[s * d + k]! - fnull - last * total;
    const w = weights[s]!;
    for (let j = 0; j < q; j++) e[j] = masks[s * m + j]! - last;
    for (let j = 0; j < q; j++) {
      const we = w * e[j]!;
      if (we === 0) continue;
      rhs[j]! += we * y;
      for (let l = 0; l <= j; l++) a[j * q + l]! += we * e[l]!;
    }
  }
  for (let j = 0; j < q; j++) for (let l = 0; l < j; l++) a[l * q + j] = a[j * q + l]!;
  const w = solveSymmetric(a, rhs, q);
  const phi = new Float64Array(m);
  let sum = 0;
  for (let j = 0; j < q; j++) {
    phi[j] = w[j]!;
    sum += w[j]!;
  }
  phi[q] = total - sum;
  return phi;
}
