import { VigieError } from '../errors/index.js';
import type { ModelRuntime } from '../models/index.js';
import { createRandom } from '../random/index.js';
import { type Column, createTable, type Table } from '../table/index.js';
import { binLabel, binOf, type ColumnBins, drawBin, drawInBin, fitBins } from './lime-discretize.js';
import { modelColumns } from './model-columns.js';
import { type ExplainedOutputs, outputMatrix } from './model-output.js';
import { weightedRidge } from './symmetric-solve.js';

export interface LimeOptions {
  /** The rows the bins and their frequencies are learned from (training data, or a sample of it). */
  training: Table;
  /** Neighbours sampled around the row. Default 5000 (lime's num_samples). */
  nSamples?: number;
  /** Features in the explanation. Default 10 (lime's num_features). */
  nFeatures?: number;
  /** Of the exponential kernel. Default 0.75 · √(columns), lime's. */
  kernelWidth?: number;
  /** The class whose probability is explained: default the positive class of two, else the row's predicted class. */
  classIndex?: number;
  seed?: number;
}

export interface LimeFeature {
  column: string;
  /** The bin or category of the row, as lime names it (`39.23 < bill_length_mm <= 44.45`). */
  condition: string;
  /** The local linear model's weight: how much being in this bin adds to the explained output. */
  weight: number;
}

export interface LimeResult {
  method: 'lime';
  /** The explained output: `value`, or the class whose probability it is. */
  output: string;
  /** Sorted by |weight|, largest first. */
  features: LimeFeature[];
  intercept: number;
  /** Weighted R² of the local model on the neighbourhood. */
  score: number;
  /** The local model at the row, and the model itself there. */
  localPrediction: number;
  prediction: number;
  nSamples: number;
  kernelWidth: number;
  seed: number;
}

/**
 * LIME for one tabular row (Ribeiro et al. 2016), as lime.lime_tabular.LimeTabularExplainer with
 * its defaults (discretize_continuous, quartile discretizer, sample_around_instance=False,
 * euclidean distance, kernel √exp(−d²/w²) with w = 0.75·√M, Ridge(alpha=1), feature selection
 * 'auto'): nSamples neighbours are drawn column by column from the training bins' frequencies
 * (the first neighbour is the row itself), turned back into values (see `drawInBin`), and run
 * through the model; the neighbour's interpretable form is 1 where its bin is the row's; its
 * distance to the row is the square root of the number of columns that differ; the weighted ridge
 * of the explained output on the interpretable form gives each column's weight.
 *
 * @example
 *   const r = await limeTabular(model, takeRows(data, [7]), { training: data });
 *   r.features[0] // { column: 'flipper_length_mm', condition: 'flipper_length_mm > 213.00', weight: 0.41 }
 */
export async function limeTabular(
  model: ModelRuntime,
  row: Table,
  options: LimeOptions,
): Promise<LimeResult> {
  if (row.rowCount !== 1)
    throw new VigieError('INVALID_ARGUMENT', `LIME explains one row, got ${row.rowCount}`);
  const nSamples = options.nSamples ?? 5000;
  if (!Number.isSafeInteger(nSamples) || nSamples < 2)
    throw new VigieError('INVALID_ARGUMENT', `nSamples must be an integer of at least 2, got ${nSamples}`);
  const seed = options.seed ?? 0;
  const columns = modelColumns(model, row);
  const training = modelColumns(model, options.training);
  const m = columns.length;
  const bins = training.map(fitBins);
  const kernelWidth = options.kernelWidth ?? 0.75 * Math.sqrt(m);
  const rng = createRandom(seed);
  const rowBin = bins.map((b, j) => binOf(b, columns[j]!, 0));
  const z = new Float64Array(nSamples * m);
  const neighbours: Column[] = columns.map((col, j) =>
    sampleColumn(col, bins[j]!, rowBin[j]!, nSamples, rng, (i, same) => {
      z[i * m + j] = same ? 1 : 0;
    }),
  );
  const predictions = await model.predict(createTable(neighbours));
  const classes = model.signature.classes ?? [];
  const regression = model.signature.task === 'regression';
  const target = regression
    ? 0
    : (options.classIndex ?? (classes.length === 2 ? 1 : (predictions.labels?.[0] ?? 0)));
  const outputs: ExplainedOutputs = regression
    ? { kind: 'value', names: ['value'], classIndex: [] }
    : {
        kind: predictions.probabilities ? 'probability' : 'predicted-class indicator',
        names: [String(classes[target])],
        classIndex: [target],
      };
  const y = outputMatrix(predictions, outputs);
  const weights = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    let differ = 0;
    for (let j = 0; j < m; j++) differ += 1 - z[i * m + j]!;
    weights[i] = Math.sqrt(Math.exp(-differ / kernelWidth ** 2));
  }
  const used = selectFeatures(z, y, weights, nSamples, m, options.nFeatures ?? 10);
  const x = pickColumns(z, nSamples, m, used);
  const fit = weightedRidge(x, y, weights, nSamples, used.length, 1);
  const features = used
    .map((j, u) => ({
      column: columns[j]!.name,
      condition:
        rowBin[j]! < 0 ? `${columns[j]!.name} (not seen in training)` : binLabel(bins[j]!, rowBin[j]!),
      weight: fit.coef[u]!,
    }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    method: 'lime',
    output: outputs.names[0]!,
    features,
    intercept: fit.intercept,
    score: fit.score,
    localPrediction: fit.intercept + fit.coef.reduce((a, b) => a + b, 0),
    prediction: y[0]!,
    nSamples,
    kernelWidth,
    seed,
  };
}

/** Columns `cols` of the n × m row-major matrix z, as an n × cols.length one. */
function pickColumns(z: Float64Array, n: number, m: number, cols: readonly number[]): Float64Array {
  const p = cols.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let u = 0; u < p; u++) x[i * p + u] = z[i * m + cols[u]!]!;
  return x;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * nSamples values of one column: row 0 is the explained row's own value; the others fall in a bin
 * drawn from the training frequencies (a value drawn within it, or the category itself).
 */
function sampleColumn(
  col: Column,
  bins: ColumnBins,
  rowBin: number,
  n: number,
  rng: ReturnType<typeof createRandom>,
  mark: (i: number, same: boolean) => void,
): Column {
  const drawn = new Int32Array(n);
  for (let i = 1; i < n; i++) drawn[i] = drawBin(bins, rng);
  mark(0, true);
  for (let i = 1; i < n; i++) mark(i, drawn[i] === rowBin);
  if (bins.kind === 'quartiles' && col.storage === 'float64') {
    const values = new Float64Array(n);
    values[0] = col.values[0]!;
    for (let i = 1; i < n; i++) values[i] = drawInBin(bins, drawn[i]!, rng);
    return { ...col, values };
  }
  return withCategories(col, bins, drawn);
}

function withCategories(col: Column, bins: ColumnBins, drawn: Int32Array): Column {
  const n = drawn.length;
  const missing = (b: number) => bins.hasMissing && b === bins.labels.length - 1;
  switch (col.storage) {
    case 'dict': {
      const dictionary = [...col.dictionary];
      const index = new Map(dictionary.map((s, i) => [s, i]));
      const codes = new Int32Array(n);
      codes[0] = col.codes[0]!;
      for (let i = 1; i < n; i++) {
        const b = drawn[i]!;
        if (missing(b)) {
          codes[i] = -1;
          continue;
        }
        const text = bins.labels[b]!;
        let k = index.get(text);
        if (k === undefined) {
          k = dictionary.length;
          dictionary.push(text);
          index.set(text, k);
        }
        codes[i] = k;
      }
      return { ...col, codes, dictionary };
    }
    case 'bool': {
      const values = new Uint8Array(n);
      values[0] = col.values[0]!;
      for (let i = 1; i < n; i++) {
        const b = drawn[i]!;
        values[i] = missing(b) ? 255 : bins.labels[b] === 'true' ? 1 : 0;
      }
      return { ...col, values };
    }
    case 'float64': {
      const values = new Float64Array(n);
      values[0] = col.values[0]!;
      for (let i = 1; i < n; i++) {
        const b = drawn[i]!;
        values[i] = missing(b) ? Number.NaN : Number(bins.labels[b]);
      }
      return { ...col, values };
    }
  }
}

/**
 * lime's feature_selection='auto': every column when there are no more than nFeatures; else
 * forward selection for nFeatures ≤ 6, and otherwise the nFeatures largest |coef · z_row| of a
 * Ridge(alpha=0.01) on all columns ('highest_weights').
 */
function selectFeatures(
  z: Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  m: number,
  k: number,
): number[] {
  const all = range(m);
  if (k >= m) return all;
  const subset = (cols: number[]) => pickColumns(z, n, m, cols);
  if (k <= 6) {
    const chosen: number[] = [];
    for (let step = 0; step < k; step++) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const j of all) {
        if (chosen.includes(j)) continue;
        const cols = [...chosen, j];
        const s = weightedRidge(subset(cols), y, w, n, cols.length, 0).score;
        if (s > bestScore) {
          bestScore = s;
          best = j;
        }
      }
      chosen.push(best);
    }
    return chosen;
  }
  const fit = weightedRidge(subset(all), y, w, n, m, 0.01);
  return all
    .map((j) => ({ j, v: Math.abs(fit.coef[j]! * z[j]!) }))
    .sort((a, b) => b.v - a.v)
    .slice(0, k)
    .map((e) => e.j);
}
