import { boxMinDist2, createStack, dist2, type KdTree } from './kd-tree.js';

/** Scratch space for kNearest: a node stack and the lower bounds of the nodes on it. */
export interface KnnScratch {
  nodes: Int32Array;
  bounds: Float64Array;
}

export function createKnnScratch(t: KdTree): KnnScratch {
  const stack = createStack(t);
  return { nodes: stack, bounds: new Float64Array(stack.length) };
}

/**
 * The k nearest rows to q, excluding row `exclude` (−1 for none), ordered by (squared
 * distance, row index): ties go to the lowest row index, whatever the tree's shape (sklearn's
 * choice among tied rows depends on its algorithm, k-d tree or brute force). Writes the
 * squared distances and rows into `d2` and `idx` (length ≥ k) as a max-heap: slot 0 holds the
 * k-th nearest. Needs at least k candidate rows.
 */
export function kNearest(
  t: KdTree,
  q: Float64Array,
  qOff: number,
  k: number,
  exclude: number,
  d2: Float64Array,
  idx: Int32Array,
  scratch: KnnScratch,
): void {
  const { points, cols, start, end, left, order } = t;
  const { nodes, bounds } = scratch;
  for (let i = 0; i < k; i++) {
    d2[i] = Number.POSITIVE_INFINITY;
    idx[i] = 0x7fffffff;
  }
  let top = 0;
  nodes[0] = 0;
  bounds[0] = 0;
  top = 1;
  while (top > 0) {
    top--;
    // The bound was computed when the node was pushed; the heap may have tightened since.
    if (bounds[top]! > d2[0]!) continue;
    const node = nodes[top]!;
    const l = left[node]!;
    if (l >= 0) {
      // Push the farther child first so the nearer one is visited first and tightens the heap.
      const dl = boxMinDist2(t, l, q, qOff);
      const dr = boxMinDist2(t, l + 1, q, qOff);
      const leftFirst = dl <= dr;
      const near = leftFirst ? l : l + 1;
      const far = leftFirst ? l + 1 : l;
      const dNear = Math.min(dl, dr);
      const dFar = Math.max(dl, dr);
      if (dFar <= d2[0]!) {
        nodes[top] = far;
        bounds[top++] = dFar;
      }
      if (dNear <= d2[0]!) {
        nodes[top] = near;
        bounds[top++] = dNear;
      }
      continue;
    }
    for (let p = start[node]!; p < end[node]!; p++) {
      const row = order[p]!;
      if (row === exclude) continue;
      const d = dist2(points, p * cols, q, qOff, cols);
      if (d < d2[0]! || (d === d2[0]! && row < idx[0]!)) heapReplaceTop(d2, idx, k, d, row);
    }
  }
}

/** Replaces the top of a max-heap keyed by (d2, idx) and sifts down. */
function heapReplaceTop(d2: Float64Array, idx: Int32Array, k: number, d: number, row: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= k) break;
    const r = l + 1;
    let c = l;
    if (r < k && (d2[r]! > d2[l]! || (d2[r] === d2[l] && idx[r]! > idx[l]!))) c = r;
    if (d2[c]! < d || (d2[c] === d && idx[c]! < row)) break;
    d2[i] = d2[c]!;
    idx[i] = idx[c]!;
    i = c;
  }
  d2[i] = d;
  idx[i] = row;
}
