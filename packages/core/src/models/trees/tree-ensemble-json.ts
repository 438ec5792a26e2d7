import { VigieError } from '../../errors/index.js';
import type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';

/** A tree ensemble as plain JSON (non-finite thresholds as the strings "Infinity", "-Infinity", "NaN"). */
export interface TreeEnsembleJson {
  task: TreeEnsemble['task'];
  nFeatures: number;
  nOutputs: number;
  link: TreeEnsemble['link'];
  baseScore: number[];
  treeOutput: number[];
  trees: Array<{
    feature: number[];
    threshold: Array<number | string>;
    left: number[];
    right: number[];
    missingLeft: number[];
    categories: Array<number[] | null>;
    value: number[];
    cover: number[];
  }>;
}

const encode = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

export function treeEnsembleToJson(e: TreeEnsemble): TreeEnsembleJson {
  return {
    task: e.task,
    nFeatures: e.nFeatures,
    nOutputs: e.nOutputs,
    link: e.link,
    baseScore: Array.from(e.baseScore),
    treeOutput: Array.from(e.treeOutput),
    trees: e.trees.map((t) => ({
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold, encode),
      left: Array.from(t.left),
      right: Array.from(t.right),
      missingLeft: Array.from(t.missingLeft),
      categories: t.categories.map((c) => (c ? Array.from(c) : null)),
      value: Array.from(t.value),
      cover: Array.from(t.cover),
    })),
  };
}

function invalid(message: string): VigieError {
  return new VigieError('PARSE_ERROR', `tree ensemble JSON: ${message}`);
}

function numbers(v: unknown, what: string, allowNaN = false): number[] {
  if (!Array.isArray(v)) throw invalid(`${what} is not an array`);
  return v.map((x) => {
    const n = typeof x === 'string' ? Number(x) : x;
    if (typeof n !== 'number' || (Number.isNaN(n) && !allowNaN)) throw invalid(`${what} holds ${String(x)}`);
    return n;
  });
}

/** Reads `treeEnsembleToJson`'s output back, checking that every tree is well formed. */
export function treeEnsembleFromJson(json: unknown): TreeEnsemble {
  const j = json as Partial<TreeEnsembleJson> | null;
  if (!j || typeof j !== 'object' || !Array.isArray(j.trees)) throw invalid('no trees');
  if (j.task !== 'classification' && j.task !== 'regression') throw invalid(`task ${String(j.task)}`);
  if (j.link !== 'identity' && j.link !== 'logistic' && j.link !== 'softmax')
    throw invalid(`link ${String(j.link)}`);
  const nFeatures = Number(j.nFeatures);
  const nOutputs = Number(j.nOutputs);
  if (!(Number.isInteger(nFeatures) && nFeatures > 0 && Number.isInteger(nOutputs) && nOutputs > 0))
    throw invalid('nFeatures and nOutputs must be positive integers');
  const treeOutput = Int32Array.from(numbers(j.treeOutput, 'treeOutput'));
  if (treeOutput.length !== j.trees.length || treeOutput.some((o) => o < 0 || o >= nOutputs))
    throw invalid('treeOutput does not match the trees');
  const trees: DecisionTree[] = j.trees.map((t, ti) => {
    const m = numbers(t.feature, `tree ${ti} feature`).length;
    const tree: DecisionTree = {
      feature: Int32Array.from(numbers(t.feature, 'feature')),
      threshold: Float64Array.from(numbers(t.threshold, 'threshold', true)),
      left: Int32Array.from(numbers(t.left, 'left')),
      right: Int32Array.from(numbers(t.right, 'right')),
      missingLeft: Uint8Array.from(numbers(t.missingLeft, 'missingLeft')),
      categories: (Array.isArray(t.categories) ? t.categories : []).map((c) =>
        c ? Int32Array.from(numbers(c, 'categories')) : null,
      ),
      value: Float64Array.from(numbers(t.value, 'value')),
      cover: Float64Array.from(numbers(t.cover, 'cover')),
    };
    for (const [name, a] of Object.entries(tree))
      if ((a as { length: number }).length !== m)
        throw invalid(`tree ${ti}: ${name} has ${(a as { length: number }).length} entries for ${m} nodes`);
    for (let i = 0; i < m; i++) {
      const l = tree.left[i]!;
      if (l < 0) continue;
      const r = tree.right[i]!;
      if (l <= i || r <= i || l >= m || r >= m)
        throw invalid(`tree ${ti}, node ${i}: children must follow their parent`);
      if (tree.feature[i]! < 0 || tree.feature[i]! >= nFeatures)
        throw invalid(`tree ${ti}, node ${i}: feature out of range`);
    }
    return tree;
  });
  return {
    task: j.task,
    nFeatures,
    nOutputs,
    trees,
    treeOutput,
    baseScore: Float64Array.from(numbers(j.baseScore, 'baseScore')),
    link: j.link,
  };
}
