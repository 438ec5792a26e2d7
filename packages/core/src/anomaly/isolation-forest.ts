import { VigieError } from '../errors/index.js';
import { createRandom, sampleIndices } from '../random/index.js';
import { quantile } from '../stats/descriptive/index.js';
import { averagePathLength } from './average-path-length.js';
import {
  compileForest,
  type ForestScorer,
  sumPathLengthsLinked,
  sumPathLengthsPadded,
} from './forest-scorer.js';
import { ForestBuilder, type ForestNodes, growIsolationTree } from './isolation-tree.js';
import { checkMatrix, type Matrix } from './matrix.js';
import { requireContamination, requireInteger } from './params.js';
import { openJson } from './serialization.js';

export interface IsolationForestParams {
  /** Number of trees. Default 100. */
  nEstimators?: number;
  /**
   * Rows drawn (without replacement) for each tree: 'auto' = min(256, rows); a number in (0, 1]
   * is a fraction of the rows (floor, as sklearn's float); an integer > 1 is a count, capped at
   * the number of rows.
   */
  maxSamples?: 'auto' | number;
  /**
   * Columns each tree may split on, drawn without replacement per tree: a number in (0, 1] is a
   * fraction (floor, at least 1), an integer > 1 a count. Default 1 (all columns, sklearn's 1.0).
   */
  maxFeatures?: number;
  /** 'auto' (offset −0.5) or the expected outlier fraction in (0, 0.5]. Default 'auto'. */
  contamination?: 'auto' | number;
  /** Seed of the generator; the same seed gives the same forest. Default 0. */
  seed?: number;
}

export interface IsolationForestJson {
  kind: 'isolationForest';
  version: 1;
  nFeatures: number;
  maxSamples: number;
  offset: number;
  feature: number[];
  value: number[];
  left: number[];
  roots: number[];
}

/**
 * A fitted isolation forest: the trees in flat typed arrays and the offset. Holds no training
 * data; trees are deterministic given the seed and the row order of the training data.
 */
export class FittedIsolationForest {
  readonly kind = 'isolationForest' as const;
  readonly nEstimators: number;
  readonly #nodes: ForestNodes;
  readonly #scorer: ForestScorer | undefined;

  constructor(
    nodes: ForestNodes,
    readonly nFeatures: number,
    /** ψ, the rows per tree actually used. */
    readonly maxSamples: number,
    /** decisionFunction = scoreSamples − offset. */
    readonly offset: number,
  ) {
    this.#nodes = nodes;
    this.#scorer = compileForest(nodes);
    this.nEstimators = nodes.roots.length;
    Object.freeze(this);
  }

  /**
   * −2^(−E[h(x)] / c(ψ)), as scikit-learn's score_samples: h is the path length of x in a tree
   * (depth of its leaf plus c(leaf size)), E the mean over trees. In [−1, 0); higher is more
   * normal, about −0.5 for ordinary points. With ψ = 1, c(ψ) = 0 and every score is −0.5.
   */
  scoreSamples(m: Matrix): Float64Array {
    checkMatrix(m, 'isolationForest.scoreSamples', 0);
    if (m.cols !== this.nFeatures) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `isolationForest: fitted on ${this.nFeatures} columns, got ${m.cols}`,
      );
    }
    const out = new Float64Array(m.rows);
    if (this.#scorer !== undefined) sumPathLengthsPadded(this.#scorer, m.data, m.cols, out);
    else sumPathLengthsLinked(this.#nodes, m.data, m.cols, out);
    const denominator = this.nEstimators * averagePathLength(this.maxSamples);
    for (let i = 0; i < out.length; i++) {
      out[i] = denominator === 0 ? -0.5 : -(2 ** (-out[i]! / denominator));
    }
    return out;
  }

  /** scoreSamples − offset: negative for outliers. */
  decisionFunction(m: Matrix): Float64Array {
    const out = this.scoreSamples(m);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! - this.offset;
    return out;
  }

  /** −1 for outliers (decisionFunction < 0), 1 for inliers, as scikit-learn's predict. */
  predict(m: Matrix): Int8Array {
    const d = this.decisionFunction(m);
    const out = new Int8Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = d[i]! < 0 ? -1 : 1;
    return out;
  }

  toJSON(): IsolationForestJson {
    const n = this.#nodes;
    return {
      kind: 'isolationForest',
      version: 1,
      nFeatures: this.nFeatures,
      maxSamples: this.maxSamples,
      offset: this.offset,
      feature: Array.from(n.feature),
      value: Array.from(n.value),
      left: Array.from(n.left),
      roots: Array.from(n.roots),
    };
  }

  static fromJSON(json: unknown): FittedIsolationForest {
    const r = openJson(json, 'isolationForest', 1);
    const nodes: ForestNodes = {
      feature: r.int32Array('feature'),
      value: r.float64Array('value'),
      left: r.int32Array('left'),
      roots: r.int32Array('roots'),
    };
    const nFeatures = r.integer('nFeatures');
    checkNodes(nodes, nFeatures);
    return new FittedIsolationForest(nodes, nFeatures, r.integer('maxSamples'), r.number('offset'));
  }
}

/** Rejects node arrays whose traversal could leave the arrays or loop (untrusted JSON). */
function checkNodes(nodes: ForestNodes, nFeatures: number): void {
  const { feature, value, left, roots } = nodes;
  const n = feature.length;
  const bad = (why: string) => new VigieError('PARSE_ERROR', `isolationForest.fromJSON: ${why}`);
  if (value.length !== n || left.length !== n) throw bad('node arrays differ in length');
  for (let i = 0; i < n; i++) {
    const f = feature[i]!;
    if (f === -1) continue;
    if (f < 0 || f >= nFeatures) throw bad(`node ${i} splits on column ${f}`);
    // Children come after their parent, which rules out cycles.
    if (left[i]! <= i || left[i]! + 1 >= n) throw bad(`node ${i} has invalid children`);
  }
  for (let t = 0; t < roots.length; t++)
    if (!(roots[t]! >= 0 && roots[t]! < n)) throw bad(`root ${t} out of range`);
}

function resolveCount(fn: string, name: string, v: number, total: number): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: ${name} must be a fraction in (0, 1] or an integer > 1`);
  }
  if (v <= 1) return Math.floor(v * total);
  if (!Number.isInteger(v))
    throw new VigieError('INVALID_ARGUMENT', `${fn}: ${name} above 1 must be an integer`);
  return Math.min(v, total);
}

/**
 * Fits an isolation forest (Liu, Ting and Zhou 2008) with scikit-learn's IsolationForest
 * semantics: `nEstimators` trees (100), each grown on `maxSamples` rows drawn without replacement
 * ('auto' = min(256, rows)) to depth ceil(log2 ψ), over `maxFeatures` columns (all). The offset
 * is −0.5 for contamination 'auto', else the contamination-quantile of the training scores
 * (numpy's linear percentile). Departures: the trees differ from sklearn's (another generator),
 * so scores agree statistically, not digit for digit; values are float64 (sklearn casts to
 * float32 and treats columns with range ≤ 1e-7 as constant; here only exactly constant columns
 * are); NaN is rejected (sklearn routes it randomly).
 *
 * @example
 * const m = matrixFromRows([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [9, 9]]);
 * isolationForest(m, { seed: 42 }).scoreSamples(m); // lowest (most anomalous) for [9, 9]
 */
export function isolationForest(m: Matrix, params: IsolationForestParams = {}): FittedIsolationForest {
  const fn = 'isolationForest';
  checkMatrix(m, fn, 1);
  const nEstimators = requireInteger(fn, 'nEstimators', params.nEstimators ?? 100, 1);
  const contamination = requireContamination(fn, params.contamination ?? 'auto');
  const seed = params.seed ?? 0;
  if (!Number.isFinite(seed)) throw new VigieError('INVALID_ARGUMENT', `${fn}: seed must be a finite number`);
  const maxSamplesParam = params.maxSamples ?? 'auto';
  const psi =
    maxSamplesParam === 'auto'
      ? Math.min(256, m.rows)
      : resolveCount(fn, 'maxSamples', maxSamplesParam, m.rows);
  if (psi < 1) throw new VigieError('INVALID_ARGUMENT', `${fn}: maxSamples selects no row`);
  const nFeatures = Math.max(1, resolveCount(fn, 'maxFeatures', params.maxFeatures ?? 1, m.cols));
  const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));

  const rng = createRandom(seed);
  const builder = new ForestBuilder(nEstimators * (2 * psi - 1));
  const roots = new Int32Array(nEstimators);
  const allFeatures = Int32Array.from({ length: m.cols }, (_, j) => j);
  for (let t = 0; t < nEstimators; t++) {
    const treeRng = rng.derive(t);
    const features =
      nFeatures === m.cols ? allFeatures : Int32Array.from(sampleIndices(m.cols, nFeatures, treeRng)).sort();
    const rows = sampleIndices(m.rows, psi, treeRng);
    roots[t] = growIsolationTree(m, rows, features, maxDepth, treeRng, builder);
  }
  const nodes = builder.finish(roots);
  const auto = new FittedIsolationForest(nodes, m.cols, psi, -0.5);
  if (contamination === 'auto') return auto;
  // As np.percentile(scores, 100 * contamination), including its rounding of the probability.
  const offset = quantile(auto.scoreSamples(m), (100 * contamination) / 100);
  return new FittedIsolationForest(nodes, m.cols, psi, offset);
}
