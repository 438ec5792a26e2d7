import { VigieError } from '../../errors/index.js';
import {
  type OnnxNodeWithAttributes,
  readInitializer,
  readNodesWithAttributes,
} from '../onnx/onnx-attributes.js';
import { type OnnxFile, readOnnxFile } from '../onnx/onnx-file.js';
import type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';

/** A tree ensemble read from an ONNX file, and where it sits in the graph. */
export interface OnnxTrees {
  ensemble: TreeEnsemble;
  /** The operator it came from. */
  op: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor' | 'TreeEnsemble';
  /** The tensor the ensemble reads ([N, nFeatures]): a graph input, or what the front computes. */
  input: string;
  /** Classification: the classes, in the order of the file's class ids. */
  classes: Array<string | number> | null;
}

const TREE_OPS = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble']);

/**
 * Reads the ai.onnx.ml tree ensemble of an ONNX model (TreeEnsembleClassifier,
 * TreeEnsembleRegressor, or opset 5's TreeEnsemble) into the shared `TreeEnsemble`: one
 * `DecisionTree` per (tree, output) pair that has leaf weights, thresholds as stored (float32),
 * `BRANCH_LT`/`GTE` turned into ≤ on the float32 just below the threshold (the model's inputs are
 * float32), missing values routed as `nodes_missing_value_tracks_true` says. A binary classifier
 * has one raw output, the positive class's score (ONNX Runtime's binary case); `link` follows
 * `post_transform`. ONNX files do not store node covers: they are left at 0, for `withCover` to
 * fill from data. Null when the file has no tree ensemble; UNSUPPORTED for what this reader does not
 * map (several ensembles, BRANCH_EQ/NEQ splits, MIN/MAX aggregation, PROBIT, several regression
 * targets).
 */
export function readOnnxTrees(bytes: Uint8Array, label: string): OnnxTrees | null {
  const file = readOnnxFile(bytes, label);
  const nodes = readNodesWithAttributes(
    bytes,
    file.graph,
    (op, domain) => domain === 'ai.onnx.ml' && TREE_OPS.has(op),
  );
  if (nodes.length === 0) return null;
  if (nodes.length > 1)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: ${nodes.length} tree ensembles in one graph; Vigie reads one`,
    );
  const node = nodes[0]!;
  const fail = (what: string): never => {
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: ${node.opType} with ${what} is not supported by the tree reader`,
    );
  };
  const parsed =
    node.opType === 'TreeEnsemble' ? withHead(readOpset5(node, fail), node, file) : readClassic(node, fail);
  return { ...parsed, op: node.opType as OnnxTrees['op'], input: node.inputs[0]! };
}

const ints = (n: OnnxNodeWithAttributes, name: string): number[] => n.attributes.get(name)?.ints ?? [];
const floats = (n: OnnxNodeWithAttributes, name: string): number[] =>
  n.attributes.get(name)?.floats ?? n.attributes.get(`${name}_as_tensor`)?.tensor ?? [];
const text = (n: OnnxNodeWithAttributes, name: string, fallback: string): string =>
  n.attributes.get(name)?.string ?? fallback;

/** The largest float32 below x: `x' < v` ⇔ `x' ≤ below(v)` for every float32 x'. */
function float32Below(v: number): number {
  const buf = new DataView(new ArrayBuffer(4));
  buf.setFloat32(0, v);
  const bits = buf.getInt32(0);
  if (v === 0) buf.setUint32(0, 0x80000001);
  else buf.setInt32(0, v > 0 ? bits - 1 : bits + 1);
  return buf.getFloat32(0);
}

type Mode = 'LEQ' | 'LT' | 'GTE' | 'GT' | 'MEMBER' | 'LEAF';

interface RawNode {
  mode: Mode;
  feature: number;
  threshold: number;
  trueChild: number;
  falseChild: number;
  missingTrue: boolean;
  /** Leaf weights per output. */
  weights: Map<number, number>;
  /** BRANCH_MEMBER: the values that take the true branch. */
  members?: number[];
}

/** One ONNX tree (its nodes, root first) as DecisionTrees, one per output it has weights for. */
function toTrees(
  raw: RawNode[],
  nOutputs: number,
  scale: number,
): Array<{ tree: DecisionTree; output: number }> {
  const n = raw.length;
  const outputs = new Set<number>();
  for (const r of raw) for (const o of r.weights.keys()) if (o < nOutputs) outputs.add(o);
  return [...outputs]
    .sort((a, b) => a - b)
    .map((o) => {
      const tree: DecisionTree = {
        feature: new Int32Array(n),
        threshold: new Float64Array(n),
        left: new Int32Array(n).fill(-1),
        right: new Int32Array(n).fill(-1),
        missingLeft: new Uint8Array(n),
        categories: new Array(n).fill(null),
        value: new Float64Array(n),
        cover: new Float64Array(n),
      };
      raw.forEach((r, i) => {
        if (r.mode === 'LEAF') {
          tree.value[i] = (r.weights.get(o) ?? 0) * scale;
          return;
        }
        // DecisionTree goes left when x ≤ threshold (or is one of the categories): the true branch
        // of LEQ / LT / MEMBER, the false one of GT / GTE.
        const trueLeft = r.mode === 'LEQ' || r.mode === 'LT' || r.mode === 'MEMBER';
        if (r.mode === 'MEMBER') tree.categories[i] = Int32Array.from(r.members ?? []);
        tree.feature[i] = r.feature;
        tree.threshold[i] = r.mode === 'LT' || r.mode === 'GTE' ? float32Below(r.threshold) : r.threshold;
        tree.left[i] = trueLeft ? r.trueChild : r.falseChild;
        tree.right[i] = trueLeft ? r.falseChild : r.trueChild;
        tree.missingLeft[i] = r.missingTrue === trueLeft ? 1 : 0;
      });
      return { tree, output: o };
    });
}

const MODES: Record<string, Mode> = {
  BRANCH_LEQ: 'LEQ',
  BRANCH_LT: 'LT',
  BRANCH_GTE: 'GTE',
  BRANCH_GT: 'GT',
  LEAF: 'LEAF',
};

function readClassic(node: OnnxNodeWithAttributes, fail: (what: string) => never) {
  const classifier = node.opType === 'TreeEnsembleClassifier';
  const treeIds = ints(node, 'nodes_treeids');
  const nodeIds = ints(node, 'nodes_nodeids');
  const features = ints(node, 'nodes_featureids');
  const values = floats(node, 'nodes_values');
  const modes = node.attributes.get('nodes_modes')?.strings ?? [];
  const trueIds = ints(node, 'nodes_truenodeids');
  const falseIds = ints(node, 'nodes_falsenodeids');
  const missing = ints(node, 'nodes_missing_value_tracks_true');
  const prefix = classifier ? 'class' : 'target';
  const wTree = ints(node, `${prefix}_treeids`);
  const wNode = ints(node, `${prefix}_nodeids`);
  const wId = ints(node, classifier ? 'class_ids' : 'target_ids');
  const wValue = floats(node, `${prefix}_weights`);
  const classes: Array<string | number> | null = classifier
    ? (node.attributes.get('classlabels_strings')?.strings ??
      node.attributes.get('classlabels_int64s')?.ints ??
      fail('no class labels'))
    : null;
  // Per tree: its node ids → positions, root (node id 0, else the first) first.
  const byTree = new Map<number, number[]>();
  treeIds.forEach((t, i) => {
    let list = byTree.get(t);
    if (!list) byTree.set(t, (list = []));
    list.push(i);
  });
  const k = classes?.length ?? Math.max(1, node.attributes.get('n_targets')?.int ?? 1);
  if (!classifier && k !== 1) fail(`${k} targets`);
  const positive = classes?.length === 2 ? (wId.includes(1) ? 1 : 0) : null;
  const nOutputs = classes && classes.length > 2 ? classes.length : 1;
  const aggregate = text(node, 'aggregate_function', 'SUM');
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE') fail(`aggregate_function ${aggregate}`);
  const scale = aggregate === 'AVERAGE' ? 1 / byTree.size : 1;
  const trees: DecisionTree[] = [];
  const treeOutput: number[] = [];
  const weightsAt = new Map<string, Map<number, number>>();
  wTree.forEach((t, i) => {
    const key = `${t}:${wNode[i]}`;
    let m = weightsAt.get(key);
    if (!m) weightsAt.set(key, (m = new Map()));
    // A binary classifier's one raw output is its positive class's (ids other than it are dropped).
    const id = positive !== null ? (wId[i] === positive ? 0 : -1) : wId[i]!;
    if (id >= 0) m.set(id, (m.get(id) ?? 0) + wValue[i]!);
  });
  for (const [t, positions] of [...byTree.entries()].sort((a, b) => a[0] - b[0])) {
    const order = [...positions].sort((a, b) => nodeIds[a]! - nodeIds[b]!);
    const raw: RawNode[] = new Array(order.length);
    const index = new Map(order.map((p, i) => [nodeIds[p]!, i]));
    for (const p of order) {
      const mode = MODES[modes[p] ?? ''] ?? fail(`mode ${modes[p]}`);
      raw[index.get(nodeIds[p]!)!] = {
        mode,
        feature: features[p] ?? 0,
        threshold: values[p] ?? 0,
        trueChild: index.get(trueIds[p]!) ?? -1,
        falseChild: index.get(falseIds[p]!) ?? -1,
        missingTrue: missing[p] === 1,
        weights: weightsAt.get(`${t}:${nodeIds[p]}`) ?? new Map(),
      };
    }
    for (const { tree, output } of toTrees(raw, nOutputs, scale)) {
      trees.push(tree);
      treeOutput.push(output);
    }
  }
  const base = floats(node, 'base_values');
  const baseScore = new Float64Array(nOutputs);
  for (let o = 0; o < nOutputs; o++)
    baseScore[o] = (positive !== null ? base[base.length === 2 ? positive : 0] : base[o]) ?? 0;
  const transform = text(node, 'post_transform', 'NONE');
  const link = linkOf(transform, nOutputs, fail);
  const nFeatures = Math.max(0, ...features.map((f, i) => (modes[i] === 'LEAF' ? 0 : f + 1)));
  const ensemble: TreeEnsemble = {
    task: classifier ? 'classification' : 'regression',
    nFeatures,
    nOutputs,
    trees,
    treeOutput: Int32Array.from(treeOutput),
    baseScore,
    link,
  };
  return { ensemble, classes };
}

function linkOf(transform: string, nOutputs: number, fail: (what: string) => never): TreeEnsemble['link'] {
  if (transform === 'NONE') return 'identity';
  if (transform === 'LOGISTIC' && nOutputs === 1) return 'logistic';
  if (transform === 'SOFTMAX' && nOutputs > 1) return 'softmax';
  return fail(`post_transform ${transform} on ${nOutputs} output${nOutputs > 1 ? 's' : ''}`);
}

/**
 * ai.onnx.ml opset 5 TreeEnsemble: nodes and leaves in separate lists, trees by their roots, a
 * leaf's output in leaf_targetids, categorical splits as BRANCH_MEMBER with their sets in
 * membership_values (in the order of those nodes, each closed by a NaN).
 */
function readOpset5(node: OnnxNodeWithAttributes, fail: (what: string) => never) {
  const features = ints(node, 'nodes_featureids');
  const splits = node.attributes.get('nodes_splits')?.tensor ?? [];
  const modes = node.attributes.get('nodes_modes')?.tensor ?? [];
  const trueIds = ints(node, 'nodes_truenodeids');
  const trueLeaf = ints(node, 'nodes_trueleafs');
  const falseIds = ints(node, 'nodes_falsenodeids');
  const falseLeaf = ints(node, 'nodes_falseleafs');
  const missing = ints(node, 'nodes_missing_value_tracks_true');
  const leafTarget = ints(node, 'leaf_targetids');
  const leafWeight = node.attributes.get('leaf_weights')?.tensor ?? [];
  const roots = ints(node, 'tree_roots');
  const nOutputs = node.attributes.get('n_targets')?.int ?? 1;
  const aggregate = node.attributes.get('aggregate_function')?.int ?? 1;
  if (aggregate !== 0 && aggregate !== 1) fail(`aggregate_function ${aggregate}`);
  const postTransform = node.attributes.get('post_transform')?.int ?? 0;
  if (postTransform !== 0) fail(`post_transform ${postTransform}`);
  const sets: number[][] = [[]];
  for (const v of node.attributes.get('membership_values')?.tensor ?? []) {
    if (Number.isNaN(v)) sets.push([]);
    else sets[sets.length - 1]!.push(v);
  }
  const memberSet = new Map<number, number[]>();
  let nextSet = 0;
  modes.forEach((m, i) => {
    if (m === 6) memberSet.set(i, sets[nextSet++] ?? []);
  });
  const MODE5: Array<Mode | undefined> = ['LEQ', 'LT', 'GTE', 'GT', undefined, undefined, 'MEMBER'];
  const trees: DecisionTree[] = [];
  const treeOutput: number[] = [];
  for (const root of roots) {
    // Walk the tree from its root, numbering split nodes and leaves as they are met.
    const raw: RawNode[] = [];
    const visit = (id: number, leaf: boolean): number => {
      const at = raw.length;
      if (leaf) {
        raw.push({
          mode: 'LEAF',
          feature: 0,
          threshold: 0,
          trueChild: -1,
          falseChild: -1,
          missingTrue: false,
          weights: new Map([[leafTarget[id] ?? 0, leafWeight[id] ?? 0]]),
        });
        return at;
      }
      const mode = MODE5[modes[id] ?? -1] ?? fail(`node mode ${modes[id]}`);
      const r: RawNode = {
        mode,
        feature: features[id]!,
        threshold: splits[id]!,
        trueChild: -1,
        falseChild: -1,
        missingTrue: missing[id] === 1,
        weights: new Map(),
        ...(mode === 'MEMBER' ? { members: memberSet.get(id) ?? [] } : {}),
      };
      raw.push(r);
      r.trueChild = visit(trueIds[id]!, trueLeaf[id] === 1);
      r.falseChild = visit(falseIds[id]!, falseLeaf[id] === 1);
      return at;
    };
    visit(root, false);
    for (const { tree, output } of toTrees(raw, nOutputs, aggregate === 0 ? 1 / roots.length : 1)) {
      trees.push(tree);
      treeOutput.push(output);
    }
  }
  const ensemble: TreeEnsemble = {
    task: 'regression',
    nFeatures: Math.max(0, ...features.map((f) => f + 1)),
    nOutputs,
    trees,
    treeOutput: Int32Array.from(treeOutput),
    baseScore: new Float64Array(nOutputs),
    link: 'identity',
  };
  return { ensemble, classes: null };
}

/**
 * Opset 5 TreeEnsemble has no base score, link or classes: an exporter adds them after it (Vigie's
 * own: Add of a base-score initializer, then Sigmoid or Softmax, then ArgMax to the label). Those
 * operators are read back into the ensemble, so its raw score and link are the model's.
 */
function withHead(
  parsed: { ensemble: TreeEnsemble; classes: Array<string | number> | null },
  node: OnnxNodeWithAttributes,
  file: OnnxFile,
): { ensemble: TreeEnsemble; classes: Array<string | number> | null } {
  let out = node.outputs[0]!;
  const ensemble = { ...parsed.ensemble, baseScore: Float64Array.from(parsed.ensemble.baseScore) };
  const consumer = (name: string) => file.nodes.filter((n) => n.inputs.includes(name));
  const add = consumer(out).find((n) => n.opType === 'Add');
  if (add) {
    const other = add.inputs.find((i) => i !== out)!;
    const base = readInitializer(file.bytes, file.graph, other);
    if (base)
      for (let k = 0; k < ensemble.nOutputs; k++)
        ensemble.baseScore[k] = base[base.length === 1 ? 0 : k] ?? 0;
    out = add.outputs[0]!;
  }
  const next = consumer(out);
  if (next.some((n) => n.opType === 'Sigmoid')) {
    ensemble.task = 'classification';
    ensemble.link = 'logistic';
  } else if (next.some((n) => n.opType === 'Softmax')) {
    ensemble.task = 'classification';
    ensemble.link = 'softmax';
  }
  const classes = file.nodes.flatMap((n) => n.classLabels ?? []);
  return { ensemble, classes: classes.length > 0 ? classes : parsed.classes };
}
