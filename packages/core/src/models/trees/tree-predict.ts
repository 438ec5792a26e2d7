import { VigieError } from '../../errors/index.js';
import type { Matrix } from '../../stats/index.js';
import type { TreeEnsemble } from './tree-ensemble.js';

/**
 * An ensemble flattened for prediction. Each tree is laid out breadth-first with the two children
 * of a split side by side, so a step is `node = child[node] + goesRight`, without a branch to
 * mispredict; a leaf is its own child (threshold +∞), so every row walks exactly the tree's depth
 * and the processor overlaps the walks of successive rows. Categorical splits test a bitset.
 */
export interface CompiledEnsemble {
  readonly ensemble: TreeEnsemble;
  /** Raw scores (before the link), row-major rows × nOutputs, the base score included. */
  predictRaw(x: Matrix): Float64Array;
}

const BLOCK = 128;

/** Compiles an ensemble for fast prediction (see `CompiledEnsemble`). */
export function compileEnsemble(ensemble: TreeEnsemble): CompiledEnsemble {
  const total = ensemble.trees.reduce((s, t) => s + t.feature.length, 0);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const child = new Int32Array(total);
  const missingRight = new Int32Array(total);
  const value = new Float64Array(total);
  // A categorical split's bitset: where it starts in `bits` (−1 for numeric) and its length in words.
  const bitsAt = new Int32Array(total).fill(-1);
  const bitsLength = new Int32Array(total);
  const words: number[] = [];
  const roots = new Int32Array(ensemble.trees.length);
  const depths = new Int32Array(ensemble.trees.length);
  let at = 0;
  ensemble.trees.forEach((tree, t) => {
    roots[t] = at;
    // Breadth-first: (original node, new slot, depth).
    const queue: Array<[number, number, number]> = [[0, at, 0]];
    let next = at + 1;
    let depth = 0;
    for (let q = 0; q < queue.length; q++) {
      const [i, slot, d] = queue[q]!;
      depth = Math.max(depth, d);
      value[slot] = tree.value[i]!;
      if (tree.left[i]! < 0) {
        child[slot] = slot;
        threshold[slot] = Number.POSITIVE_INFINITY;
        continue;
      }
      feature[slot] = tree.feature[i]!;
      threshold[slot] = tree.threshold[i]!;
      missingRight[slot] = tree.missingLeft[i] ? 0 : 1;
      child[slot] = next;
      queue.push([tree.left[i]!, next, d + 1], [tree.right[i]!, next + 1, d + 1]);
      next += 2;
      const cats = tree.categories[i];
      if (cats) {
        const max = cats.reduce((m, c) => Math.max(m, c), -1);
        const n = (max >> 5) + 1;
        bitsAt[slot] = words.length;
        bitsLength[slot] = n;
        const w = new Array<number>(n).fill(0);
        for (const c of cats) if (c >= 0) w[c >> 5]! |= 1 << (c & 31);
        words.push(...w);
      }
    }
    depths[t] = depth;
    at = next;
  });
  const bits = Int32Array.from(words);
  const k = ensemble.nOutputs;
  const nFeatures = ensemble.nFeatures;
  const treeOutput = ensemble.treeOutput;
  const base = ensemble.baseScore;

  const categorical = (node: number, v: number): number => {
    if (v !== v) return missingRight[node]!;
    const c = v | 0;
    const inSet =
      c === v &&
      c >= 0 &&
      c >> 5 < bitsLength[node]! &&
      (bits[bitsAt[node]! + (c >> 5)]! & (1 << (c & 31))) !== 0;
    return inSet ? 0 : 1;
  };

  // One closure for every call: a new one per call would deoptimize the inlined walk.
  const step = (data: Float64Array, node: number, p: number): number => {
    const v = data[p + feature[node]!]!;
    // NaN compares false: it goes right only where missing values go right.
    const right =
      bitsAt[node]! < 0
        ? Number(v > threshold[node]!) | (Number(v !== v) & missingRight[node]!)
        : categorical(node, v);
    return child[node]! + right;
  };

  return Object.freeze({
    ensemble,
    predictRaw(x: Matrix): Float64Array {
      if (x.cols !== nFeatures)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `tree ensemble: expected ${nFeatures} features, got ${x.cols}`,
        );
      const { rows, data } = x;
      const out = new Float64Array(rows * k);
      for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) out[i * k + c] = base[c]!;
      for (let b0 = 0; b0 < rows; b0 += BLOCK) {
        const b1 = Math.min(rows, b0 + BLOCK);
        for (let t = 0; t < roots.length; t++) {
          const root = roots[t]!;
          const depth = depths[t]!;
          const o = treeOutput[t]!;
          let i = b0;
          // Four rows at a time: independent walks for the processor to overlap.
          for (; i + 4 <= b1; i += 4) {
            const p0 = i * nFeatures;
            const p1 = p0 + nFeatures;
            const p2 = p1 + nFeatures;
            const p3 = p2 + nFeatures;
            let n0 = root;
            let n1 = root;
            let n2 = root;
            let n3 = root;
            for (let d = 0; d < depth; d++) {
              n0 = step(data, n0, p0);
              n1 = step(data, n1, p1);
              n2 = step(data, n2, p2);
              n3 = step(data, n3, p3);
            }
            out[(i + 0) * k + o]! += value[n0]!;
            out[(i + 1) * k + o]! += value[n1]!;
            out[(i + 2) * k + o]! += value[n2]!;
            out[(i + 3) * k + o]! += value[n3]!;
          }
          for (; i < b1; i++) {
            let node = root;
            for (let d = 0; d < depth; d++) node = step(data, node, i * nFeatures);
            out[i * k + o]! += value[node]!;
          }
        }
      }
      return out;
    },
  });
}

/** Probabilities from raw scores: logistic (two columns, [1 − p, p]) or softmax; identity keeps them. */
export function applyLink(link: TreeEnsemble['link'], raw: Float64Array, rows: number): Float64Array {
  if (link === 'identity') return raw.slice();
  if (link === 'logistic') {
    const out = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const z = raw[i]!;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
    }
    return out;
  }
  const k = raw.length / Math.max(rows, 1);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(raw[i * k + c]! - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c]! /= sum;
  }
  return out;
}
