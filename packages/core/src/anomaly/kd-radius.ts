import { boxMaxDist2, boxMinDist2, dist2, type KdTree } from './kd-tree.js';

/** Radius queries on a k-d tree (DBSCAN's neighbourhoods). Squared distances, ≤ r² inclusive. */

/**
 * Number of points with squared distance ≤ r2 from q, counting stops once it reaches `limit`
 * (pass Infinity for the exact count). Whole boxes within r2 are counted without visiting points.
 */
export function countWithin(
  t: KdTree,
  q: Float64Array,
  qOff: number,
  r2: number,
  limit: number,
  stack: Int32Array,
): number {
  const { points, cols, start, end, left } = t;
  let count = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0 && count < limit) {
    const node = stack[--top]!;
    if (boxMinDist2(t, node, q, qOff) > r2) continue;
    if (boxMaxDist2(t, node, q, qOff) <= r2) {
      count += end[node]! - start[node]!;
      continue;
    }
    const l = left[node]!;
    if (l >= 0) {
      stack[top++] = l + 1;
      stack[top++] = l;
      continue;
    }
    for (let p = start[node]!; p < end[node]!; p++) if (dist2(points, p * cols, q, qOff, cols) <= r2) count++;
  }
  return count;
}

/** A growable list of row indices, reused across queries to avoid allocation. */
export class IndexBuffer {
  values = new Int32Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
}

/** Collects into `out` (cleared first) the original rows with squared distance ≤ r2 from q. */
export function rowsWithin(
  t: KdTree,
  q: Float64Array,
  qOff: number,
  r2: number,
  out: IndexBuffer,
  stack: Int32Array,
) {
  const { points, cols, start, end, left, order } = t;
  out.length = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top]!;
    if (boxMinDist2(t, node, q, qOff) > r2) continue;
    const l = left[node]!;
    if (l >= 0) {
      stack[top++] = l + 1;
      stack[top++] = l;
      continue;
    }
    for (let p = start[node]!; p < end[node]!; p++) {
      if (dist2(points, p * cols, q, qOff, cols) <= r2) out.push(order[p]!);
    }
  }
}
