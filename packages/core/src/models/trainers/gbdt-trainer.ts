import { VigieError } from '../../errors/index.js';
import { gbdtCategories } from '../learners/gbdt/categories.js';
import { fitGbdt } from '../learners/gbdt/fit-gbdt.js';
import type { GbdtOptions } from '../learners/gbdt/options.js';
import { treeEnsembleFromFront } from '../onnx-export/tree-ensemble-onnx.js';
import { pipelineOnnx } from '../pipeline/pipeline-onnx.js';
import type { ParamValue } from '../search/search-space.js';
import { encodeLabel, type GbdtTrainer } from './train-builtin.js';

/** The gbdt parameters a user may set (vigie.yaml params, --params, a search space). */
const NUMBERS = [
  'learningRate',
  'maxIter',
  'maxLeafNodes',
  'maxDepth',
  'minSamplesLeaf',
  'l2Regularization',
  'maxBins',
  'validationFraction',
  'nIterNoChange',
  'tol',
  'subsample',
  'maxFeatures',
] as const;

function gbdtOptions(params: Record<string, ParamValue>): Partial<GbdtOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'earlyStopping') {
      if (value !== 'auto' && typeof value !== 'boolean')
        throw new VigieError('INVALID_ARGUMENT', 'parameter "earlyStopping" must be true, false or "auto"', {
          details: { field: key },
        });
      out[key] = value;
    } else if ((NUMBERS as readonly string[]).includes(key)) {
      if (value !== null && typeof value !== 'number')
        throw new VigieError('INVALID_ARGUMENT', `parameter "${key}" must be a number`, {
          details: { field: key },
        });
      out[key] = value;
    } else
      throw new VigieError(
        'INVALID_ARGUMENT',
        `unknown gbdt parameter "${key}" (known: ${[...NUMBERS, 'earlyStopping'].join(', ')})`,
        {
          details: { field: key },
        },
      );
  }
  return out as Partial<GbdtOptions>;
}

/**
 * The built-in gradient-boosted trees: the 'trees' pipeline's features, fitGbdt (early stopping on
 * the validation rows when given), and the ensemble exported behind the pipeline's ONNX front.
 */
export const gbdtTrainer: GbdtTrainer = (input, labels, pipeline) => {
  const x = pipeline.transform(input.train);
  const validation = input.validation
    ? {
        x: pipeline.transform(input.validation),
        y: encodeLabel(input.validation, input.label, labels.task).y,
      }
    : undefined;
  if (validation && labels.classes) {
    // The validation rows' classes must be the training ones, by name.
    const valClasses = encodeLabel(input.validation!, input.label, labels.task).classes!;
    const remap = Int32Array.from(valClasses, (c) => labels.classes!.indexOf(c));
    if (remap.some((i) => i < 0))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `the validation rows have a class the training rows do not (${valClasses.filter((_, i) => remap[i]! < 0).join(', ')})`,
      );
    validation.y = Int32Array.from(validation.y as Int32Array, (c) => remap[c]!);
  }
  const fitted = fitGbdt(x, labels.y, {
    task: labels.task,
    ...(labels.classes ? { nClasses: labels.classes.length } : {}),
    categories: gbdtCategories(pipeline),
    seed: input.seed ?? 0,
    ...(validation ? { validation } : {}),
    ...gbdtOptions(input.params ?? {}),
  });
  const onnx = treeEnsembleFromFront(pipelineOnnx(pipeline), {
    ensemble: fitted.ensemble,
    ...(labels.classes ? { classes: labels.classes } : {}),
    producerVersion: input.producerVersion,
  });
  const task = labels.task;
  const k = labels.classes?.length ?? 0;
  return {
    trainer: 'gbdt',
    task,
    classes: labels.classes,
    modelType: 'vigie.gbdt',
    params: { ...(fitted.params as unknown as Record<string, ParamValue>) },
    pipeline,
    onnx,
    notes: {
      iterations: fitted.nIter,
      trees: fitted.ensemble.trees.length,
      features: pipeline.features.length,
      ...(pipeline.dropped.length ? { dropped: pipeline.dropped } : {}),
    },
    predict(table) {
      const m = pipeline.transform(table);
      if (task === 'regression') return { task, rows: table.rowCount, values: fitted.predict(m) };
      const proba = fitted.predictProba(m);
      const out = new Int32Array(table.rowCount);
      for (let i = 0; i < table.rowCount; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + best]!) best = c;
        out[i] = best;
      }
      return { task, rows: table.rowCount, classes: labels.classes!, labels: out, probabilities: proba };
    },
  };
};
