import type { Matrix } from './matrix.js';

/**
 * A k-d tree over the rows of a Matrix for exact Euclidean neighbour queries, stored flat:
 * node `i` covers tree positions [start[i], end[i]) of `points` (the rows copied in tree order,
 * `order[p]` giving the original row), has children `left[i]` and `left[i] + 1` or is a leaf
 * (`left[i] === -1`), and bounding box `lo`/`hi` at [i * cols, (i + 1) * cols). Distances are
 * compared squared, summed over columns in order, as scikit-learn's KDTree does.
 */
export interface KdTree {
  readonly rows: number;
  readonly cols: number;
  readonly points: Float64Array;
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

function countNodes(n: number, leafSize: number): number {
  if (n <= leafSize) return 1;
  const half = n >> 1;
  return 1 + countNodes(half, leafSize) + countNodes(n - half, leafSize);
}

/** Builds a tree with median splits on the widest box dimension; leaves hold ≤ `leafSize` rows. */
export function buildKdTree(m: Matrix, leafSize = 32): KdTree {
  const { data, rows, cols } = m;
  const nNodes = countNodes(rows, leafSize);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const start = new Int32Array(nNodes);
  const end = new Int32Array(nNodes);
  const left = new Int32Array(nNodes).fill(-1);
  const lo = new Float64Array(nNodes * cols);
  const hi = new Float64Array(nNodes * cols);
  let next = 1;
  const stack: number[] = [0];
  start[0] = 0;
  end[0] = rows;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const s = start[node]!;
    const e = end[node]!;
    const b = node * cols;
    for (let j = 0; j < cols; j++) {
      lo[b + j] = Number.POSITIVE_INFINITY;
      hi[b + j] = Number.NEGATIVE_INFINITY;
    }
    for (let p = s; p < e; p++) {
      const r = order[p]! * cols;
      for (let j = 0; j < cols; j++) {
        const v = data[r + j]!;
        if (v < lo[b + j]!) lo[b + j] = v;
        if (v > hi[b + j]!) hi[b + j] = v;
      }
    }
    if (e - s <= leafSize) continue;
    let dim = 0;
    let widest = -1;
    for (let j = 0; j < cols; j++) {
      const w = hi[b + j]! - lo[b + j]!;
      if (w > widest) {
        widest = w;
        dim = j;
      }
    }
    const mid = s + ((e - s) >> 1);
    selectNth(order, s, e - 1, mid, data, cols, dim);
    const l = next;
    next += 2;
    left[node] = l;
    start[l] = s;
    end[l] = mid;
    start[l + 1] = mid;
    end[l + 1] = e;
    stack.push(l + 1, l);
  }
  const points = new Float64Array(rows * cols);
  for (let p = 0; p < rows; p++)
    points.set(data.subarray(order[p]! * cols, order[p]! * cols + cols), p * cols);
  return { rows, cols, points, order, start, end, left, lo, hi };
}

/** Rearranges order[lo..hi] so that position k holds the k-th smallest key (Hoare quickselect). */
function selectNth(
  order: Int32Array,
  lo: number,
  hi: number,
  k: number,
  data: Float64Array,
  cols: number,
  dim: number,
) {
  while (hi > lo) {
    const pivot = data[order[(lo + hi) >> 1]! * cols + dim]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (data[order[i]! * cols + dim]! < pivot) i++;
      while (data[order[j]! * cols + dim]! > pivot) j--;
      if (i <= j) {
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Squared distance from query q (at qOff in q) to the nearest point of node's box. */
export function boxMinDist2(t: KdTree, node: number, q: Float64Array, qOff: number): number {
  const { lo, hi, cols } = t;
  const b = node * cols;
  let d = 0;
  for (let j = 0; j < cols; j++) {
    const v = q[qOff + j]!;
    const below = lo[b + j]! - v;
    const above = v - hi[b + j]!;
    const gap = below > 0 ? below : Math.max(above, 0);
    d += gap * gap;
  }
  return d;
}

/** Squared distance from q to the farthest corner of node's box. */
export function boxMaxDist2(t: KdTree, node: number, q: Float64Array, qOff: number): number {
  const { lo, hi, cols } = t;
  const b = node * cols;
  let d = 0;
  for (let j = 0; j < cols; j++) {
    const v = q[qOff + j]!;
    const a = Math.abs(v - lo[b + j]!);
    const c = Math.abs(v - hi[b + j]!);
    const far = Math.max(a, c);
    d += far * far;
  }
  return d;
}

/** Squared Euclidean distance, summed over columns in order as sklearn's KDTree `rdist`. */
export function dist2(
  points: Float64Array,
  pOff: number,
  q: Float64Array,
  qOff: number,
  cols: number,
): number {
  let d = 0;
  for (let j = 0; j < cols; j++) {
    const diff = q[qOff + j]! - points[pOff + j]!;
    d += diff * diff;
  }
  return d;
}

/** A traversal stack large enough for any query on `t` (depth-first pushes two per level). */
export function createStack(t: KdTree): Int32Array {
  return new Int32Array(2 * Math.ceil(Math.log2(t.rows + 2)) + 8);
}
