import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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

/** From this many rows, a helper thread predicts the second half (starting one costs ~50 ms). */
export const PARALLEL_ROWS = 250_000;
const WORKER = new URL('./predict-worker.js', import.meta.url);

/** What a prediction helper thread gets (tree-predict-worker.ts). */
export interface PredictShare {
  ensemble: TreeEnsemble;
  /** Its rows, in shared memory; `out` receives their raw scores. */
  data: Float64Array;
  rows: number;
  out: Float64Array;
  /** [done (1 ok, 2 failed), started] */
  ctrl: Int32Array;
}

export interface CompileOptions {
  /** Threads for large predictions (default: the machine's, at most 2). */
  threads?: number;
}

/** Compiles an ensemble for fast prediction (see `CompiledEnsemble`). */
export function compileEnsemble(ensemble: TreeEnsemble, options: CompileOptions = {}): CompiledEnsemble {
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
      const helper = rows >= PARALLEL_ROWS && (options.threads ?? 2) > 1 ? startHelper(data, rows) : null;
      walk(data, helper ? helper.from : rows, out);
      if (helper) helper.finish(out);
      return out;
    },
  });

  /** A helper thread predicting rows [from, rows) from a shared copy; null when none starts. */
  function startHelper(
    data: Float64Array,
    rows: number,
  ): { from: number; finish(out: Float64Array): void } | null {
    if (!existsSync(fileURLToPath(WORKER))) return null;
    const from = rows >> 1;
    const n = rows - from;
    const shared = new Float64Array(new SharedArrayBuffer(n * nFeatures * 8));
    shared.set(data.subarray(from * nFeatures, rows * nFeatures));
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    const part = new Float64Array(new SharedArrayBuffer(n * k * 8));
    let worker: Worker;
    try {
      worker = new Worker(WORKER, {
        workerData: { ensemble, data: shared, rows: n, out: part, ctrl } satisfies PredictShare,
      });
      worker.unref();
    } catch {
      return null;
    }
    return {
      from,
      finish(out) {
        // Wait for it to start (or give up after 10 s), then for its answer.
        if (Atomics.wait(ctrl, 1, 0, 10_000) === 'timed-out' && ctrl[1] === 0) {
          void worker.terminate();
          walk(data, rows, out, from);
          return;
        }
        while (Atomics.load(ctrl, 0) === 0) Atomics.wait(ctrl, 0, 0);
        if (ctrl[0] !== 1) {
          walk(data, rows, out, from);
          return;
        }
        // Its scores include the base score, as out's rows there hold it alone.
        out.set(part, from * k);
      },
    };
  }

  /** Adds every tree's output for rows [start, end) of data to out (rows × k). */
  function walk(data: Float64Array, end: number, out: Float64Array, start = 0): void {
    for (let b0 = start; b0 < end; b0 += BLOCK) {
      const b1 = Math.min(end, b0 + BLOCK);
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
  }
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
