import type { Random } from '../../../random/index.js';
import { SLOTS, subtractHistogram } from './histogram.js';
import { findBestSplit, nodeValue, type SplitContext, type SplitInfo } from './split.js';

/** A grown tree over bins, nodes in depth-first pre-order (node 0 the root). */
export interface BinnedTree {
  /** −1 for a leaf. */
  feature: Int32Array;
  /** Numeric splits: bins ≤ bin go left. */
  bin: Int32Array;
  /** Categorical splits: 1 for each bin that goes left. */
  leftBins: Array<Uint8Array | null>;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Shrunk node values: the leaf outputs. */
  value: Float64Array;
  /** Training rows that reached each node. */
  count: Float64Array;
}

export interface GrowParams {
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  shrinkage: number;
  maxFeatures: number;
}

/** Buffers reused from tree to tree. */
export interface GrowBuffers {
  scratch: Uint32Array;
  free: Float64Array[];
  /** Partitions a numeric split of idx[start..end) on feature j (as `partition` below), when available. */
  partitionNumeric:
    | ((j: number, start: number, end: number, bin: number, missingLeft: boolean) => number)
    | null;
}

interface Node {
  start: number;
  end: number;
  gradient: number;
  hessian: number;
  value: number;
  depth: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
  left: Node | null;
  right: Node | null;
}

/**
 * Grows one tree best-first, as scikit-learn's `TreeGrower`: the splittable node with the largest
 * gain is split next, until `maxLeafNodes` leaves; a child deeper than `maxDepth` or with fewer
 * than 2·minSamplesLeaf rows stays a leaf; the smaller child's histogram is built from its rows
 * and the larger one's is the parent's minus it (`histogram` builds one from rows idx[start..end)).
 * `columns` are the training bins column-major (a split reads one feature of scattered rows: within
 * one column they stay near each other). `idx[0..n)` are the rows used (reordered here: each
 * leaf's rows end up contiguous); `onLeaf` gets each leaf's row range and shrunk value.
 */
export function growTree(
  ctx: SplitContext,
  columns: Uint8Array,
  idx: Uint32Array,
  n: number,
  histogram: (hist: Float64Array, start: number, end: number) => void,
  params: GrowParams,
  rng: Random,
  buffers: GrowBuffers,
  onLeaf: (start: number, end: number, value: number) => void,
): BinnedTree {
  const f = ctx.nFeatures;
  const size = f * ctx.stride * SLOTS;
  const take = (): Float64Array => buffers.free.pop() ?? new Float64Array(size);
  const give = (node: Node) => {
    if (node.hist) buffers.free.push(node.hist);
    node.hist = null;
  };
  const nSub = Math.max(1, Math.ceil(params.maxFeatures * f));
  const allowed = nSub < f ? new Uint8Array(f) : null;
  const split = (node: Node): SplitInfo => {
    if (allowed) {
      allowed.fill(0, nSub).fill(1, 0, nSub);
      for (let i = f - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const t = allowed[i]!;
        allowed[i] = allowed[k]!;
        allowed[k] = t;
      }
    }
    return findBestSplit(
      ctx,
      node.hist!,
      node.end - node.start,
      node.gradient,
      node.hessian,
      node.value,
      allowed,
    );
  };
  const l2 = ctx.l2;

  const root: Node = {
    start: 0,
    end: n,
    gradient: 0,
    hessian: 0,
    value: 0,
    depth: 0,
    hist: take(),
    split: null,
    left: null,
    right: null,
  };
  histogram(root.hist!, 0, n);
  // Sums from feature 0's histogram, as scikit-learn's root.
  for (let b = 0; b < ctx.stride; b++) {
    root.gradient += root.hist![b * SLOTS]!;
    if (!ctx.constantHessian) root.hessian += root.hist![b * SLOTS + 1]!;
  }
  if (ctx.constantHessian) root.hessian = n;

  const splittable: Node[] = [];
  let leaves = 0;
  const consider = (node: Node) => {
    node.split = split(node);
    if (node.split.gain > 0) splittable.push(node);
    else {
      give(node);
      leaves++;
    }
  };
  if (n < 2 * params.minSamplesLeaf || root.hessian < 1e-3) {
    give(root);
    leaves = 1;
  } else consider(root);

  while (splittable.length > 0) {
    let at = 0;
    for (let i = 1; i < splittable.length; i++)
      if (splittable[i]!.split!.gain > splittable[at]!.split!.gain) at = i;
    const node = splittable.splice(at, 1)[0]!;
    const s = node.split!;
    const mid = partition(ctx, columns, idx, buffers, node.start, node.end, s);
    const depth = node.depth + 1;
    const child = (start: number, end: number, g: number, h: number): Node => ({
      start,
      end,
      gradient: g,
      hessian: h,
      value: nodeValue(g, h, l2),
      depth,
      hist: null,
      split: null,
      left: null,
      right: null,
    });
    const left = child(node.start, mid, s.gradientLeft, s.hessianLeft);
    const right = child(mid, node.end, s.gradientRight, s.hessianRight);
    node.left = left;
    node.right = right;
    // Without missing values in training, a missing value later follows the larger child.
    if (!ctx.hasMissing[s.feature]) s.missingLeft = mid - node.start > node.end - mid;
    const nLeaves = leaves + splittable.length + 2;
    let leftOpen = true;
    let rightOpen = true;
    if (params.maxLeafNodes !== null && nLeaves >= params.maxLeafNodes) {
      leftOpen = rightOpen = false;
      for (const other of splittable) give(other);
      leaves += splittable.length;
      splittable.length = 0;
    } else if (params.maxDepth !== null && depth >= params.maxDepth) {
      leftOpen = rightOpen = false;
    } else {
      leftOpen = mid - node.start >= 2 * params.minSamplesLeaf;
      rightOpen = node.end - mid >= 2 * params.minSamplesLeaf;
    }
    if (leftOpen || rightOpen) {
      const leftSmaller = mid - node.start < node.end - mid;
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      small.hist = take();
      histogram(small.hist, small.start, small.end);
      large.hist = take();
      subtractHistogram(large.hist, node.hist!, small.hist);
    }
    give(node);
    if (leftOpen) consider(left);
    else {
      give(left);
      leaves++;
    }
    if (rightOpen) consider(right);
    else {
      give(right);
      leaves++;
    }
  }
  return flatten(root, params.shrinkage, l2, onLeaf);
}

/** Stable in-place partition of idx[start..end): left rows first. Returns where the right ones start. */
function partition(
  ctx: SplitContext,
  columns: Uint8Array,
  idx: Uint32Array,
  buffers: GrowBuffers,
  start: number,
  end: number,
  s: SplitInfo,
): number {
  const scratch = buffers.scratch;
  const column = columns.subarray(s.feature * scratch.length, (s.feature + 1) * scratch.length);
  const j = s.feature;
  const missingBin = ctx.stride - 1;
  const missingLeft = s.missingLeft && ctx.hasMissing[j] === 1;
  if (buffers.partitionNumeric && !s.leftBins)
    return buffers.partitionNumeric(j, start, end, s.bin, missingLeft);
  let nl = start;
  let nr = 0;
  if (s.leftBins) {
    const lb = s.leftBins;
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      if (lb[column[r]!]) idx[nl++] = r;
      else scratch[nr++] = r;
    }
  } else {
    const t = s.bin;
    const keepMissing = missingLeft ? 1 : 0;
    // Without branches (which side a row goes is a coin toss the processor cannot predict): each
    // row is written to both sides and only the side it belongs to advances.
    for (let i = start; i < end; i++) {
      const r = idx[i]!;
      const b = column[r]!;
      const missing = ((b ^ missingBin) - 1) >>> 31;
      const right = ((t - b) >>> 31) & (1 - (missing & keepMissing));
      idx[nl] = r;
      scratch[nr] = r;
      nl += 1 - right;
      nr += right;
    }
  }
  idx.set(scratch.subarray(0, nr), nl);
  return nl;
}

function flatten(
  root: Node,
  shrinkage: number,
  l2: number,
  onLeaf: (start: number, end: number, value: number) => void,
): BinnedTree {
  const nodes: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node.left) stack.push(node.right!, node.left);
  }
  const m = nodes.length;
  const tree: BinnedTree = {
    feature: new Int32Array(m).fill(-1),
    bin: new Int32Array(m),
    leftBins: new Array<Uint8Array | null>(m).fill(null),
    missingLeft: new Uint8Array(m),
    left: new Int32Array(m).fill(-1),
    right: new Int32Array(m).fill(-1),
    value: new Float64Array(m),
    count: new Float64Array(m),
  };
  const position = new Map<Node, number>();
  nodes.forEach((node, i) => {
    position.set(node, i);
  });
  nodes.forEach((node, i) => {
    tree.count[i] = node.end - node.start;
    if (!node.left) {
      tree.value[i] = node.value * shrinkage;
      onLeaf(node.start, node.end, tree.value[i]!);
      return;
    }
    const s = node.split!;
    tree.value[i] = nodeValue(node.gradient, node.hessian, l2) * shrinkage;
    tree.feature[i] = s.feature;
    tree.bin[i] = s.bin;
    tree.leftBins[i] = s.leftBins;
    tree.missingLeft[i] = s.missingLeft ? 1 : 0;
    tree.left[i] = position.get(node.left)!;
    tree.right[i] = position.get(node.right!)!;
  });
  return tree;
}

/** Adds a binned tree's output for each row of row-major `bins` to `out[i·stride + offset]`. */
export function addBinnedTree(
  tree: BinnedTree,
  bins: Uint8Array,
  nFeatures: number,
  missingBin: number,
  rows: number,
  out: Float64Array,
  stride: number,
  offset: number,
): void {
  const { feature, bin, leftBins, missingLeft, left, right, value } = tree;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    const p = i * nFeatures;
    while (left[node]! >= 0) {
      const b = bins[p + feature[node]!]!;
      const lb = leftBins[node];
      const goLeft = b === missingBin ? missingLeft[node] === 1 : lb ? lb[b] === 1 : b <= bin[node]!;
      node = goLeft ? left[node]! : right[node]!;
    }
    out[i * stride + offset]! += value[node]!;
  }
}
