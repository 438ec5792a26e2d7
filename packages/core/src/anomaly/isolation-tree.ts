import type { Random } from '../random/index.js';
import { averagePathLength } from './average-path-length.js';
import type { Matrix } from './matrix.js';

/**
 * Flat storage of the trees of an isolation forest. Node `i` is a split when `feature[i] >= 0`
 * (go to `left[i]` when x[feature] <= threshold[i], else to `left[i] + 1`), a leaf when
 * `feature[i] === -1`, in which case `value[i]` holds its path length: the leaf's depth plus
 * c(size) for the training points it still holds, so scoring is one array read per leaf.
 */
export interface ForestNodes {
  feature: Int32Array;
  /** Split threshold for a split node, path length for a leaf. */
  value: Float64Array;
  left: Int32Array;
  /** Index of each tree's root node. */
  roots: Int32Array;
}

/** Growable node arrays shared by all trees of one fit. */
export class ForestBuilder {
  private feature: Int32Array;
  private value: Float64Array;
  private left: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
  }

  /** Reserves two consecutive nodes (siblings) or one (a root); returns the first index. */
  allocate(count: 1 | 2): number {
    if (this.size + count > this.feature.length) this.grow(this.size + count);
    const at = this.size;
    this.size += count;
    return at;
  }

  setSplit(node: number, feature: number, threshold: number, left: number): void {
    this.feature[node] = feature;
    this.value[node] = threshold;
    this.left[node] = left;
  }

  setLeaf(node: number, pathLength: number): void {
    this.feature[node] = -1;
    this.value[node] = pathLength;
    this.left[node] = -1;
  }

  finish(roots: Int32Array): ForestNodes {
    const n = this.size;
    return {
      feature: this.feature.slice(0, n),
      value: this.value.slice(0, n),
      left: this.left.slice(0, n),
      roots,
    };
  }

  private grow(min: number): void {
    const cap = Math.max(min, this.feature.length * 2);
    const f = new Int32Array(cap);
    f.set(this.feature);
    const v = new Float64Array(cap);
    v.set(this.value);
    const l = new Int32Array(cap);
    l.set(this.left);
    this.feature = f;
    this.value = v;
    this.left = l;
  }
}

/**
 * Grows one isolation tree (scikit-learn's ExtraTreeRegressor with max_features=1 on random
 * targets, as IsolationForest uses it): at each node draw a feature uniformly among those not
 * constant in the node, a threshold uniform in [min, max) (max maps to min, as sklearn), send
 * x <= threshold left. A node becomes a leaf at `maxDepth`, with fewer than 2 points, or when
 * every candidate feature is constant. Iterative, over a copy of the sampled row indices.
 * Returns the root node index.
 */
export function growIsolationTree(
  m: Matrix,
  rows: Uint32Array,
  features: Int32Array,
  maxDepth: number,
  rng: Random,
  out: ForestBuilder,
): number {
  const { data, cols } = m;
  const idx = rows.slice();
  const candidates = new Int32Array(features.length);
  // Explicit stack of (node, start, end, depth); at most maxDepth + 1 pending right siblings.
  const stackCap = maxDepth + 2;
  const sNode = new Int32Array(stackCap);
  const sStart = new Int32Array(stackCap);
  const sEnd = new Int32Array(stackCap);
  const sDepth = new Int32Array(stackCap);
  const root = out.allocate(1);
  let top = 0;
  sNode[0] = root;
  sStart[0] = 0;
  sEnd[0] = idx.length;
  sDepth[0] = 0;
  top = 1;
  while (top > 0) {
    top--;
    const node = sNode[top]!;
    const start = sStart[top]!;
    const end = sEnd[top]!;
    const depth = sDepth[top]!;
    const size = end - start;
    if (depth >= maxDepth || size < 2) {
      out.setLeaf(node, depth + averagePathLength(size));
      continue;
    }
    candidates.set(features);
    let nCandidates = candidates.length;
    let feature = -1;
    let lo = 0;
    let hi = 0;
    while (nCandidates > 0) {
      const j = rng.int(nCandidates);
      const f = candidates[j]!;
      lo = Number.POSITIVE_INFINITY;
      hi = Number.NEGATIVE_INFINITY;
      for (let i = start; i < end; i++) {
        const v = data[idx[i]! * cols + f]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi > lo) {
        feature = f;
        break;
      }
      candidates[j] = candidates[--nCandidates]!;
    }
    if (feature < 0) {
      out.setLeaf(node, depth + averagePathLength(size));
      continue;
    }
    let threshold = lo + (hi - lo) * rng.float();
    if (threshold >= hi) threshold = lo;
    // Partition idx[start, end) so that rows with x <= threshold come first.
    let i = start;
    let k = end - 1;
    while (i <= k) {
      if (data[idx[i]! * cols + feature]! <= threshold) {
        i++;
      } else {
        const t = idx[i]!;
        idx[i] = idx[k]!;
        idx[k] = t;
        k--;
      }
    }
    const left = out.allocate(2);
    out.setSplit(node, feature, threshold, left);
    sNode[top] = left + 1;
    sStart[top] = i;
    sEnd[top] = end;
    sDepth[top] = depth + 1;
    top++;
    sNode[top] = left;
    sStart[top] = start;
    sEnd[top] = i;
    sDepth[top] = depth + 1;
    top++;
  }
  return root;
}
