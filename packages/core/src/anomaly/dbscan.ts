import { VigieError } from '../errors/index.js';
import { countWithin, IndexBuffer, rowsWithin } from './kd-radius.js';
import { buildKdTree, createStack } from './kd-tree.js';
import { checkMatrix, type Matrix } from './matrix.js';
import { requireInteger, requirePositive } from './params.js';
import { openJson } from './serialization.js';

export interface DbscanParams {
  /** Neighbourhood radius: rows at Euclidean distance ≤ eps are neighbours. Required. */
  eps: number;
  /** Neighbours (the row itself included) a row needs to be a core sample. Default 5. */
  minSamples?: number;
}

export interface DbscanJson {
  kind: 'dbscan';
  version: 1;
  eps: number;
  minSamples: number;
  labels: number[];
  coreSampleIndices: number[];
}

/**
 * The result of DBSCAN on its training rows: a cluster label per row (−1 for noise) and the core
 * rows. DBSCAN has no model to apply to new rows, so there is no predict (as scikit-learn); it
 * keeps no copy of the data (sklearn's components_ are the rows at `coreSampleIndices`).
 */
export class FittedDbscan {
  readonly kind = 'dbscan' as const;
  readonly nClusters: number;

  constructor(
    readonly eps: number,
    readonly minSamples: number,
    /** Cluster of each training row, 0..nClusters−1, or −1 for noise. Do not write to it. */
    readonly labels: Int32Array,
    /** Core rows, ascending. Do not write to it. */
    readonly coreSampleIndices: Int32Array,
  ) {
    let max = -1;
    for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
    this.nClusters = max + 1;
    Object.freeze(this);
  }

  /** 1 for noise rows (the outliers of DBSCAN), 0 for clustered rows. */
  isOutlier(): Uint8Array {
    const out = new Uint8Array(this.labels.length);
    for (let i = 0; i < out.length; i++) out[i] = this.labels[i]! < 0 ? 1 : 0;
    return out;
  }

  toJSON(): DbscanJson {
    return {
      kind: 'dbscan',
      version: 1,
      eps: this.eps,
      minSamples: this.minSamples,
      labels: Array.from(this.labels),
      coreSampleIndices: Array.from(this.coreSampleIndices),
    };
  }

  static fromJSON(json: unknown): FittedDbscan {
    const r = openJson(json, 'dbscan', 1);
    return new FittedDbscan(
      r.number('eps'),
      r.integer('minSamples'),
      r.int32Array('labels'),
      r.int32Array('coreSampleIndices'),
    );
  }
}

/**
 * DBSCAN (Ester et al. 1996) with scikit-learn's semantics, labels identical to
 * sklearn.cluster.DBSCAN: a row is core when at least `minSamples` rows (itself included) lie at
 * Euclidean distance ≤ eps (compared squared, as sklearn's KDTree). Clusters are numbered in the
 * order of their lowest-index core row; a border row reachable from several clusters joins the
 * first one so numbered, as sklearn's depth-first expansion in row order does. Neighbours come
 * from a k-d tree; nothing is stored per row beyond the labels.
 *
 * @example
 * dbscan(matrixFromRows([[0, 0], [0, 1], [1, 0], [9, 9]]), { eps: 1.5, minSamples: 3 }).labels;
 * // Int32Array [0, 0, 0, -1]
 */
export function dbscan(m: Matrix, params: DbscanParams): FittedDbscan {
  const fn = 'dbscan';
  if (params === undefined || params === null)
    throw new VigieError('INVALID_ARGUMENT', `${fn}: eps is required`);
  const eps = requirePositive(fn, 'eps', params.eps);
  const minSamples = requireInteger(fn, 'minSamples', params.minSamples ?? 5, 1);
  checkMatrix(m, fn, 1);
  const { data, rows, cols } = m;
  const r2 = eps * eps;
  const tree = buildKdTree(m);
  const stack = createStack(tree);

  const isCore = new Uint8Array(rows);
  let nCore = 0;
  for (let i = 0; i < rows; i++) {
    if (countWithin(tree, data, i * cols, r2, minSamples, stack) >= minSamples) {
      isCore[i] = 1;
      nCore++;
    }
  }

  const labels = new Int32Array(rows).fill(-1);
  const frontier = new Int32Array(nCore);
  const neighbours = new IndexBuffer();
  let label = 0;
  for (let i = 0; i < rows; i++) {
    if (labels[i] !== -1 || !isCore[i]) continue;
    // Each core row is queued once (when labelled), so the frontier never exceeds nCore.
    labels[i] = label;
    let top = 0;
    frontier[top++] = i;
    while (top > 0) {
      const p = frontier[--top]!;
      rowsWithin(tree, data, p * cols, r2, neighbours, stack);
      const found = neighbours.values;
      for (let k = 0; k < neighbours.length; k++) {
        const q = found[k]!;
        if (labels[q] !== -1) continue;
        labels[q] = label;
        if (isCore[q]) frontier[top++] = q;
      }
    }
    label++;
  }

  const coreSampleIndices = new Int32Array(nCore);
  for (let i = 0, w = 0; i < rows; i++) if (isCore[i]) coreSampleIndices[w++] = i;
  return new FittedDbscan(eps, minSamples, labels, coreSampleIndices);
}
