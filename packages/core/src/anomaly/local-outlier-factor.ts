import { VigieError } from '../errors/index.js';
import { quantile } from '../stats/descriptive/index.js';
import { createKnnScratch, kNearest } from './kd-nearest.js';
import { buildKdTree, type KdTree } from './kd-tree.js';
import { checkMatrix, type Matrix } from './matrix.js';
import { requireContamination, requireInteger } from './params.js';
import { openJson } from './serialization.js';

export interface LocalOutlierFactorParams {
  /** k, the neighbours per row; capped at rows − 1. Default 20. */
  nNeighbors?: number;
  /** 'auto' (offset −1.5) or the expected outlier fraction in (0, 0.5]. Default 'auto'. */
  contamination?: 'auto' | number;
  /** Keep what is needed to score new rows (a copy of the training data). Default false. */
  novelty?: boolean;
}

export interface LocalOutlierFactorJson {
  kind: 'localOutlierFactor';
  version: 1;
  nNeighbors: number;
  offset: number;
  novelty: boolean;
  negativeOutlierFactor: number[];
  /** Novelty only: the training rows (row-major), their k-distances and reachability densities. */
  cols?: number;
  data?: number[];
  kDistance?: number[];
  lrd?: number[];
}

/** sklearn adds this to the mean reachability distance so duplicates give a finite density. */
const DENSITY_GUARD = 1e-10;

interface NoveltyState {
  tree: KdTree;
  data: Float64Array;
  kDistance: Float64Array;
  lrd: Float64Array;
}

/**
 * A fitted Local Outlier Factor. Always holds the training rows' negative outlier factor. With
 * `novelty`, it also holds its own copy of the training data (LOF scores new rows against
 * their neighbours among the training rows), their k-distances and densities.
 */
export class FittedLocalOutlierFactor {
  readonly kind = 'localOutlierFactor' as const;
  readonly #novelty: NoveltyState | undefined;

  constructor(
    /** The k actually used: min(nNeighbors, rows − 1), at least 1. */
    readonly nNeighbors: number,
    /** Threshold on negativeOutlierFactor / scoreSamples: below it is an outlier. */
    readonly offset: number,
    /** −LOF of each training row, as sklearn's negative_outlier_factor_. Do not write to it. */
    readonly negativeOutlierFactor: Float64Array,
    novelty: NoveltyState | undefined,
  ) {
    this.#novelty = novelty;
    Object.freeze(this);
  }

  get novelty(): boolean {
    return this.#novelty !== undefined;
  }

  /** −1 for training rows whose negativeOutlierFactor < offset, else 1 (sklearn's fit_predict). */
  predictTraining(): Int8Array {
    const nof = this.negativeOutlierFactor;
    const out = new Int8Array(nof.length);
    for (let i = 0; i < nof.length; i++) out[i] = nof[i]! < this.offset ? -1 : 1;
    return out;
  }

  /**
   * Novelty only: −LOF of new rows against the training rows (a training row passed here counts
   * itself as a neighbour, as in sklearn). Throws UNSUPPORTED when fitted without novelty.
   */
  scoreSamples(m: Matrix): Float64Array {
    const state = this.#requireNovelty('scoreSamples');
    checkMatrix(m, 'localOutlierFactor.scoreSamples', 0);
    if (m.cols !== state.tree.cols) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `localOutlierFactor: fitted on ${state.tree.cols} columns, got ${m.cols}`,
      );
    }
    const k = this.nNeighbors;
    const d2 = new Float64Array(k);
    const idx = new Int32Array(k);
    const scratch = createKnnScratch(state.tree);
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      kNearest(state.tree, m.data, i * m.cols, k, -1, d2, idx, scratch);
      let reach = 0;
      for (let j = 0; j < k; j++) reach += Math.max(Math.sqrt(d2[j]!), state.kDistance[idx[j]!]!);
      const lrd = 1 / (reach / k + DENSITY_GUARD);
      let ratios = 0;
      for (let j = 0; j < k; j++) ratios += state.lrd[idx[j]!]! / lrd;
      out[i] = -(ratios / k);
    }
    return out;
  }

  /** Novelty only: scoreSamples − offset, negative for outliers. */
  decisionFunction(m: Matrix): Float64Array {
    const out = this.scoreSamples(m);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! - this.offset;
    return out;
  }

  /** Novelty only: −1 for outliers (decisionFunction < 0), else 1. */
  predict(m: Matrix): Int8Array {
    const d = this.decisionFunction(m);
    const out = new Int8Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = d[i]! < 0 ? -1 : 1;
    return out;
  }

  toJSON(): LocalOutlierFactorJson {
    const json: LocalOutlierFactorJson = {
      kind: 'localOutlierFactor',
      version: 1,
      nNeighbors: this.nNeighbors,
      offset: this.offset,
      novelty: this.novelty,
      negativeOutlierFactor: Array.from(this.negativeOutlierFactor),
    };
    const s = this.#novelty;
    if (s !== undefined) {
      json.cols = s.tree.cols;
      json.data = Array.from(s.data);
      json.kDistance = Array.from(s.kDistance);
      json.lrd = Array.from(s.lrd);
    }
    return json;
  }

  static fromJSON(json: unknown): FittedLocalOutlierFactor {
    const r = openJson(json, 'localOutlierFactor', 1);
    const nof = r.float64Array('negativeOutlierFactor');
    let novelty: NoveltyState | undefined;
    if (r.boolean('novelty')) {
      const cols = r.integer('cols');
      const data = r.float64Array('data');
      const m: Matrix = { data, rows: data.length / cols, cols };
      checkMatrix(m, 'localOutlierFactor.fromJSON', 2);
      const kDistance = r.float64Array('kDistance');
      const lrd = r.float64Array('lrd');
      if (kDistance.length !== m.rows || lrd.length !== m.rows) {
        throw new VigieError(
          'PARSE_ERROR',
          'localOutlierFactor.fromJSON: kDistance and lrd need one value per row',
        );
      }
      novelty = { tree: buildKdTree(m), data, kDistance, lrd };
    }
    return new FittedLocalOutlierFactor(r.integer('nNeighbors'), r.number('offset'), nof, novelty);
  }

  #requireNovelty(method: string): NoveltyState {
    if (this.#novelty === undefined) {
      throw new VigieError(
        'UNSUPPORTED',
        `localOutlierFactor.${method} needs novelty: true; the training rows' scores are in negativeOutlierFactor`,
      );
    }
    return this.#novelty;
  }
}

/**
 * Local Outlier Factor (Breunig et al. 2000) as sklearn.neighbors.LocalOutlierFactor with the
 * Euclidean metric: k = min(nNeighbors, rows − 1) nearest other rows (a duplicate of a row is a
 * neighbour at distance 0); reach(p, o) = max(d(p, o), k-distance(o)); lrd(p) = 1 / (mean reach
 * + 1e-10), the 1e-10 keeping duplicates finite; LOF(p) = mean over neighbours of lrd(o) / lrd(p);
 * negativeOutlierFactor = −LOF. Offset −1.5 for contamination 'auto', else the contamination-
 * percentile of negativeOutlierFactor. Distinct rows tied at a k-th distance go to the lowest
 * row index; sklearn keeps whichever its algorithm meets first (its k-d tree and brute force
 * disagree), so only there can results differ. Needs ≥ 2 rows.
 *
 * @example
 * localOutlierFactor(matrixFromRows([[0], [1], [2], [3], [10]]), { nNeighbors: 2 }).negativeOutlierFactor;
 * // lowest (most anomalous) for [10]
 */
export function localOutlierFactor(
  m: Matrix,
  params: LocalOutlierFactorParams = {},
): FittedLocalOutlierFactor {
  const fn = 'localOutlierFactor';
  const requested = requireInteger(fn, 'nNeighbors', params.nNeighbors ?? 20, 1);
  const contamination = requireContamination(fn, params.contamination ?? 'auto');
  checkMatrix(m, fn, 1);
  if (m.rows < 2) throw new VigieError('INVALID_ARGUMENT', `${fn}: needs at least 2 rows, got ${m.rows}`);
  const { rows, cols } = m;
  const k = Math.max(1, Math.min(requested, rows - 1));
  const tree = buildKdTree(m);
  const scratch = createKnnScratch(tree);

  const neighbours = new Int32Array(rows * k);
  const distances = new Float64Array(rows * k);
  const kDistance = new Float64Array(rows);
  const d2 = new Float64Array(k);
  const idx = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    kNearest(tree, m.data, i * cols, k, i, d2, idx, scratch);
    for (let j = 0; j < k; j++) {
      neighbours[i * k + j] = idx[j]!;
      distances[i * k + j] = Math.sqrt(d2[j]!);
    }
    kDistance[i] = Math.sqrt(d2[0]!);
  }

  const lrd = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let reach = 0;
    for (let j = i * k; j < i * k + k; j++) reach += Math.max(distances[j]!, kDistance[neighbours[j]!]!);
    lrd[i] = 1 / (reach / k + DENSITY_GUARD);
  }

  const nof = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let ratios = 0;
    for (let j = i * k; j < i * k + k; j++) ratios += lrd[neighbours[j]!]! / lrd[i]!;
    nof[i] = -(ratios / k);
  }

  // As np.percentile(nof, 100 * contamination), including its rounding of the probability.
  const offset = contamination === 'auto' ? -1.5 : quantile(nof, (100 * contamination) / 100);
  const novelty = params.novelty === true ? { tree, data: m.data.slice(), kDistance, lrd } : undefined;
  return new FittedLocalOutlierFactor(k, offset, nof, novelty);
}
