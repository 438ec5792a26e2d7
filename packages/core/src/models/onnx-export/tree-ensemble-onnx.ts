import { VigieError } from '../../errors/index.js';
import type { OnnxFront } from '../pipeline/pipeline-onnx.js';
import type { ModelSignature } from '../runtime.js';
import { float32Floor } from '../trees/float32-threshold.js';
import type { TreeEnsemble } from '../trees/tree-ensemble.js';
import { type LinearHead, signatureMetadata } from './linear-model.js';
import { type Attribute, ElemType, encodeOnnxModel, type OnnxNode, type OnnxTensor } from './onnx-model.js';

export interface TreeEnsembleHead extends LinearHead {
  ensemble: TreeEnsemble;
  /** Classification: the class labels, in the order of the ensemble's classes (two for a logistic link). */
  classes?: Array<string | number>;
}

/**
 * A tree ensemble as ONNX behind a front (a feature pipeline's raw-column inputs): classifiers give
 * `label` [N] and `probabilities` [N, K], regressors `value` [N, 1]; the signature is stored in
 * the metadata. Numeric splits only: ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor
 * (opset 3), BRANCH_LEQ with the learned missing directions (`nodes_missing_value_tracks_true`).
 * With categorical splits: ai.onnx.ml TreeEnsemble (opset 5), whose BRANCH_MEMBER tests a set of
 * codes, followed by the base score, the link (Sigmoid or Softmax) and an ArgMax to the label.
 * Thresholds are the largest float32 not above Vigie's, which the learner chose so that ONNX
 * Runtime's float32 comparison and Vigie's float64 one agree on every value.
 */
export function treeEnsembleFromFront(front: OnnxFront, spec: TreeEnsembleHead): Uint8Array {
  const e = spec.ensemble;
  const classification = e.task === 'classification';
  const classes = spec.classes ?? [];
  const k = e.link === 'logistic' ? 2 : e.nOutputs;
  if (classification && classes.length !== k)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `tree ensemble export: ${classes.length} classes given for ${k} outputs`,
      {
        details: { field: 'classes' },
      },
    );
  const numericLabels = classes.every((c) => typeof c === 'number' && Number.isInteger(c));
  const signature: ModelSignature = classification
    ? {
        task: 'classification',
        inputs: front.signatureInputs,
        outputs: [
          { name: 'label', type: numericLabels ? 'int64' : 'string' },
          { name: 'probabilities', type: 'float' },
        ],
        classes,
      }
    : { task: 'regression', inputs: front.signatureInputs, outputs: [{ name: 'value', type: 'float' }] };
  const categorical = e.trees.some((t) => t.categories.some((c, i) => c !== null && t.left[i]! >= 0));
  const head = categorical
    ? opset5(e, front.output, classes, numericLabels)
    : opset3(e, front.output, classes, numericLabels);
  return encodeOnnxModel({
    graphName: classification ? 'vigie_gbdt_classifier' : 'vigie_gbdt_regressor',
    producerVersion: spec.producerVersion,
    ...(spec.docString ? { docString: spec.docString } : {}),
    opsets: categorical ? { '': 21, 'ai.onnx.ml': 5 } : { '': 15, 'ai.onnx.ml': 3 },
    ...(categorical ? { irVersion: 10 } : {}),
    inputs: front.inputs,
    initializers: [...front.initializers, ...head.initializers],
    outputs: classification
      ? [
          { name: 'label', elemType: numericLabels ? ElemType.INT64 : ElemType.STRING, shape: ['N'] },
          { name: 'probabilities', elemType: ElemType.FLOAT, shape: ['N', k] },
        ]
      : [{ name: 'value', elemType: ElemType.FLOAT, shape: ['N', 1] }],
    nodes: [...front.nodes, ...head.nodes],
    metadata: signatureMetadata(signature),
  });
}

interface Head {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
}

/** TreeEnsembleClassifier / TreeEnsembleRegressor: every node listed, leaves with their weights. */
function opset3(
  e: TreeEnsemble,
  input: string,
  classes: Array<string | number>,
  numericLabels: boolean,
): Head {
  const n = { tree: [] as number[], node: [] as number[], feature: [] as number[], mode: [] as string[] };
  const value: number[] = [];
  const yes: number[] = [];
  const no: number[] = [];
  const missing: number[] = [];
  const leaf = { tree: [] as number[], node: [] as number[], target: [] as number[], weight: [] as number[] };
  e.trees.forEach((tree, t) => {
    for (let i = 0; i < tree.feature.length; i++) {
      const isLeaf = tree.left[i]! < 0;
      n.tree.push(t);
      n.node.push(i);
      n.feature.push(isLeaf ? 0 : tree.feature[i]!);
      n.mode.push(isLeaf ? 'LEAF' : 'BRANCH_LEQ');
      value.push(isLeaf ? 0 : float32Floor(tree.threshold[i]!));
      yes.push(isLeaf ? 0 : tree.left[i]!);
      no.push(isLeaf ? 0 : tree.right[i]!);
      missing.push(isLeaf ? 0 : tree.missingLeft[i]!);
      if (isLeaf) {
        leaf.tree.push(t);
        leaf.node.push(i);
        leaf.target.push(e.treeOutput[t]!);
        leaf.weight.push(tree.value[i]!);
      }
    }
  });
  const nodes: Record<string, Attribute> = {
    nodes_treeids: { ints: n.tree },
    nodes_nodeids: { ints: n.node },
    nodes_featureids: { ints: n.feature },
    nodes_modes: { strings: n.mode },
    nodes_values: { floats: value },
    nodes_truenodeids: { ints: yes },
    nodes_falsenodeids: { ints: no },
    nodes_missing_value_tracks_true: { ints: missing },
    base_values: { floats: e.baseScore },
  };
  if (e.task === 'regression')
    return {
      initializers: [],
      nodes: [
        {
          op: 'TreeEnsembleRegressor',
          domain: 'ai.onnx.ml',
          inputs: [input],
          outputs: ['value'],
          attributes: {
            ...nodes,
            n_targets: { i: 1 },
            target_treeids: { ints: leaf.tree },
            target_nodeids: { ints: leaf.node },
            target_ids: { ints: leaf.target },
            target_weights: { floats: leaf.weight },
            aggregate_function: { s: 'SUM' },
            post_transform: { s: 'NONE' },
          },
        },
      ],
    };
  return {
    initializers: [],
    nodes: [
      {
        op: 'TreeEnsembleClassifier',
        domain: 'ai.onnx.ml',
        inputs: [input],
        outputs: ['label', 'probabilities'],
        attributes: {
          ...nodes,
          class_treeids: { ints: leaf.tree },
          class_nodeids: { ints: leaf.node },
          class_ids: { ints: leaf.target },
          class_weights: { floats: leaf.weight },
          [numericLabels ? 'classlabels_int64s' : 'classlabels_strings']: numericLabels
            ? { ints: classes as number[] }
            : { strings: classes.map(String) },
          // Two classes and one score: ONNX Runtime gives [1 − σ(s), σ(s)].
          post_transform: { s: e.link === 'logistic' ? 'LOGISTIC' : 'SOFTMAX' },
        },
      },
    ],
  };
}

/** TreeEnsemble (ai.onnx.ml 5): splits and leaves in separate lists, categorical splits as BRANCH_MEMBER. */
function opset5(
  e: TreeEnsemble,
  input: string,
  classes: Array<string | number>,
  numericLabels: boolean,
): Head {
  const feature: number[] = [];
  const mode: number[] = [];
  const split: number[] = [];
  const yes: number[] = [];
  const yesLeaf: number[] = [];
  const no: number[] = [];
  const noLeaf: number[] = [];
  const missing: number[] = [];
  const members: number[] = [];
  const roots: number[] = [];
  const leafTarget: number[] = [];
  const leafWeight: number[] = [];
  for (const [t, tree] of e.trees.entries()) {
    // Number the splits and the leaves of this tree in the shared lists.
    const index = new Int32Array(tree.feature.length);
    let splits = feature.length;
    let leaves = leafTarget.length;
    for (let i = 0; i < tree.feature.length; i++) {
      if (tree.left[i]! >= 0) index[i] = splits++;
      else {
        index[i] = leaves++;
        leafTarget.push(e.treeOutput[t]!);
        leafWeight.push(tree.value[i]!);
      }
    }
    if (tree.left[0]! < 0) {
      // A tree that is one leaf: a split that sends everything to it.
      roots.push(feature.length);
      feature.push(0);
      mode.push(0);
      split.push(Number.POSITIVE_INFINITY);
      yes.push(index[0]!);
      yesLeaf.push(1);
      no.push(index[0]!);
      noLeaf.push(1);
      missing.push(1);
      continue;
    }
    roots.push(index[0]!);
    for (let i = 0; i < tree.feature.length; i++) {
      const l = tree.left[i]!;
      if (l < 0) continue;
      const r = tree.right[i]!;
      const cats = tree.categories[i];
      feature.push(tree.feature[i]!);
      mode.push(cats ? 6 : 0);
      split.push(cats ? Number.NaN : float32Floor(tree.threshold[i]!));
      // ONNX Runtime refuses an empty set: −1, a code no pipeline makes, stands for none (only missing values go left).
      if (cats) members.push(...(cats.length > 0 ? cats : [-1]), Number.NaN);
      yes.push(index[l]!);
      yesLeaf.push(tree.left[l]! < 0 ? 1 : 0);
      no.push(index[r]!);
      noLeaf.push(tree.left[r]! < 0 ? 1 : 0);
      missing.push(tree.missingLeft[i]!);
    }
  }
  const tensor = (name: string, elemType: number, values: number[]): Attribute => ({
    t:
      elemType === ElemType.UINT8
        ? { name, elemType, dims: [values.length], int32s: values }
        : { name, elemType, dims: [values.length], floats: values },
  });
  const k = e.nOutputs;
  const nodes: OnnxNode[] = [
    {
      op: 'TreeEnsemble',
      domain: 'ai.onnx.ml',
      inputs: [input],
      outputs: ['vigie_scores'],
      attributes: {
        n_targets: { i: k },
        aggregate_function: { i: 1 },
        post_transform: { i: 0 },
        tree_roots: { ints: roots },
        nodes_featureids: { ints: feature },
        nodes_modes: tensor('nodes_modes', ElemType.UINT8, mode),
        nodes_splits: tensor('nodes_splits', ElemType.FLOAT, split),
        nodes_truenodeids: { ints: yes },
        nodes_trueleafs: { ints: yesLeaf },
        nodes_falsenodeids: { ints: no },
        nodes_falseleafs: { ints: noLeaf },
        nodes_missing_value_tracks_true: { ints: missing },
        ...(members.length > 0
          ? { membership_values: tensor('membership_values', ElemType.FLOAT, members) }
          : {}),
        leaf_targetids: { ints: leafTarget },
        leaf_weights: tensor('leaf_weights', ElemType.FLOAT, leafWeight),
      },
    },
    {
      op: 'Add',
      inputs: ['vigie_scores', 'vigie_base_score'],
      outputs: [e.task === 'regression' ? 'value' : 'vigie_raw'],
    },
  ];
  const initializers: OnnxTensor[] = [
    { name: 'vigie_base_score', elemType: ElemType.FLOAT, dims: [k], floats: e.baseScore },
  ];
  if (e.task === 'regression') return { nodes, initializers };
  if (e.link === 'logistic') {
    initializers.push({ name: 'vigie_one', elemType: ElemType.FLOAT, dims: [1], floats: [1] });
    nodes.push(
      { op: 'Sigmoid', inputs: ['vigie_raw'], outputs: ['vigie_p1'] },
      { op: 'Sub', inputs: ['vigie_one', 'vigie_p1'], outputs: ['vigie_p0'] },
      {
        op: 'Concat',
        inputs: ['vigie_p0', 'vigie_p1'],
        outputs: ['probabilities'],
        attributes: { axis: { i: 1 } },
      },
    );
  } else {
    nodes.push({
      op: 'Softmax',
      inputs: ['vigie_raw'],
      outputs: ['probabilities'],
      attributes: { axis: { i: 1 } },
    });
  }
  nodes.push({
    op: 'ArgMax',
    inputs: ['probabilities'],
    outputs: ['vigie_class'],
    attributes: { axis: { i: 1 }, keepdims: { i: 0 } },
  });
  if (numericLabels) {
    initializers.push({
      name: 'vigie_classes',
      elemType: ElemType.INT64,
      dims: [classes.length],
      ints: classes as number[],
    });
    nodes.push({
      op: 'Gather',
      inputs: ['vigie_classes', 'vigie_class'],
      outputs: ['label'],
      attributes: { axis: { i: 0 } },
    });
  } else {
    nodes.push({
      op: 'LabelEncoder',
      domain: 'ai.onnx.ml',
      inputs: ['vigie_class'],
      outputs: ['label'],
      attributes: {
        keys_int64s: { ints: classes.map((_, i) => i) },
        values_strings: { strings: classes.map(String) },
        default_string: { s: '' },
      },
    });
  }
  return { nodes, initializers };
}
