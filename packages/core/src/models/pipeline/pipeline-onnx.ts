import { ElemType, type OnnxNode, type OnnxTensor, type ValueInfo } from '../onnx-export/onnx-model.js';
import type { FittedPipeline } from './feature-pipeline.js';

/** The front of an exported model: its raw inputs and the nodes that make the feature tensor. */
export interface OnnxFront {
  inputs: ValueInfo[];
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  /** The [N, F] float tensor of features, in the pipeline's feature order. */
  output: string;
  /** The signature's inputs: one per raw column. */
  signatureInputs: Array<{ name: string; type: string }>;
}

/**
 * The pipeline as ONNX nodes, so an exported model takes raw columns: one [N, 1] input per column,
 * named after it — float for numeric ones (NaN for missing), string for categorical ones (an empty
 * string, or any category not seen in training, is missing / unseen). Linear: per numeric column
 * Imputer then Scaler; per categorical one a OneHotEncoder reshaped to [N, K]. Trees: numeric
 * columns as they are; categorical ones through a LabelEncoder to their codes (NaN when unseen).
 * The pieces are concatenated in the pipeline's order.
 */
export function pipelineOnnx(pipeline: FittedPipeline): OnnxFront {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const parts: string[] = [];
  pipeline.columns.forEach((c, i) => {
    const t = (suffix: string) => `vigie_${i}_${suffix}`;
    if (c.kind === 'numeric') {
      if (pipeline.kind === 'trees') {
        parts.push(c.name);
        return;
      }
      nodes.push({
        op: 'Imputer',
        domain: 'ai.onnx.ml',
        inputs: [c.name],
        outputs: [t('imputed')],
        attributes: {
          imputed_value_floats: { floats: [c.median!] },
          replaced_value_float: { f: Number.NaN },
        },
      });
      nodes.push({
        op: 'Scaler',
        domain: 'ai.onnx.ml',
        inputs: [t('imputed')],
        outputs: [t('scaled')],
        attributes: { offset: { floats: [c.mean!] }, scale: { floats: [1 / c.std!] } },
      });
      parts.push(t('scaled'));
      return;
    }
    const categories = c.categories!;
    if (pipeline.kind === 'trees') {
      nodes.push({
        op: 'LabelEncoder',
        domain: 'ai.onnx.ml',
        inputs: [c.name],
        outputs: [t('codes')],
        attributes: {
          keys_strings: { strings: categories },
          values_floats: { floats: categories.map((_, k) => k) },
          default_float: { f: Number.NaN },
        },
      });
      parts.push(t('codes'));
      return;
    }
    nodes.push({
      op: 'OneHotEncoder',
      domain: 'ai.onnx.ml',
      inputs: [c.name],
      outputs: [t('onehot')],
      attributes: { cats_strings: { strings: categories }, zeros: { i: 1 } },
    });
    initializers.push({
      name: t('shape'),
      elemType: ElemType.INT64,
      dims: [2],
      ints: [-1, categories.length],
    });
    nodes.push({ op: 'Reshape', inputs: [t('onehot'), t('shape')], outputs: [t('flat')] });
    parts.push(t('flat'));
  });
  const output = 'vigie_features';
  nodes.push({ op: 'Concat', inputs: parts, outputs: [output], attributes: { axis: { i: 1 } } });
  return {
    inputs: pipeline.columns.map((c) => ({
      name: c.name,
      elemType: c.kind === 'numeric' ? ElemType.FLOAT : ElemType.STRING,
      shape: ['N', 1],
    })),
    nodes,
    initializers,
    output,
    signatureInputs: pipeline.columns.map((c) => ({
      name: c.name,
      type: c.kind === 'numeric' ? 'numeric' : 'categorical',
    })),
  };
}
