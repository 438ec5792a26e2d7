import { VigieError } from '../../../errors/index.js';
import type { Matrix } from '../../../stats/index.js';
import type { TreeEnsemble } from '../../trees/tree-ensemble.js';
import { treeEnsembleFromJson, treeEnsembleToJson } from '../../trees/tree-ensemble-json.js';
import { applyLink, compileEnsemble } from '../../trees/tree-predict.js';
import { type GbdtParams, resolveGbdtParams } from './options.js';

/**
 * A fitted gradient-boosting model: its trees and the parameters it was fitted with, never the
 * training data. Frozen.
 */
export interface FittedGbdt {
  readonly kind: 'gbdt';
  readonly task: 'classification' | 'regression';
  /** Classification: K; regression: 0. */
  readonly nClasses: number;
  readonly nFeatures: number;
  /** Per feature, 0 (numeric) or its number of categories. */
  readonly categories: Int32Array;
  readonly params: GbdtParams;
  /** Boosting iterations run (fewer than maxIter when early stopping stopped them). */
  readonly nIter: number;
  /** With early stopping, the negated mean loss after 0, 1, … iterations (scikit-learn's `train_score_`, `validation_score_`). */
  readonly trainScore: Float64Array;
  readonly validationScore: Float64Array;
  readonly ensemble: TreeEnsemble;
  /** Raw scores, rows × nOutputs row-major (nOutputs = 1 for regression and two classes, else K). */
  predictRaw(x: Matrix): Float64Array;
  /** Class probabilities, rows × K row-major. Classification only. */
  predictProba(x: Matrix): Float64Array;
  /** Regression: the values; classification: the index of the most probable class (the first on ties). */
  predict(x: Matrix): Float64Array;
  toJSON(): unknown;
}

export interface FittedGbdtState {
  ensemble: TreeEnsemble;
  params: GbdtParams;
  nClasses: number;
  categories: Int32Array;
  nIter: number;
  trainScore: Float64Array;
  validationScore: Float64Array;
}

/** Builds the frozen model around a fitted state (used by `fitGbdt` and `gbdtFromJson`). */
export function fittedGbdt(state: FittedGbdtState): FittedGbdt {
  const { ensemble, params, nClasses } = state;
  const compiled = compileEnsemble(ensemble);
  const task = params.task;
  const predictProba = (x: Matrix): Float64Array => {
    if (task !== 'classification')
      throw new VigieError('UNSUPPORTED', 'gradient boosting: predictProba is for classifiers; use predict');
    return applyLink(ensemble.link, compiled.predictRaw(x), x.rows);
  };
  return Object.freeze({
    kind: 'gbdt' as const,
    task,
    nClasses,
    nFeatures: ensemble.nFeatures,
    categories: state.categories,
    params,
    nIter: state.nIter,
    trainScore: state.trainScore,
    validationScore: state.validationScore,
    ensemble,
    predictRaw: (x: Matrix) => compiled.predictRaw(x),
    predictProba,
    predict(x: Matrix): Float64Array {
      if (task === 'regression') return compiled.predictRaw(x);
      const p = predictProba(x);
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        let best = 0;
        for (let c = 1; c < nClasses; c++) if (p[i * nClasses + c]! > p[i * nClasses + best]!) best = c;
        out[i] = best;
      }
      return out;
    },
    toJSON() {
      return {
        kind: 'gbdt',
        version: 1,
        params: { ...params },
        nClasses,
        categories: Array.from(state.categories),
        nIter: state.nIter,
        trainScore: Array.from(state.trainScore),
        validationScore: Array.from(state.validationScore),
        ensemble: treeEnsembleToJson(ensemble),
      };
    },
  });
}

/** Reads a model back from its `toJSON()`. */
export function gbdtFromJson(json: unknown): FittedGbdt {
  const j = json as Record<string, unknown> | null;
  if (j?.kind !== 'gbdt' || j.version !== 1)
    throw new VigieError('PARSE_ERROR', 'gradient boosting JSON: not a version 1 gbdt model');
  const params = resolveGbdtParams(j.params as GbdtParams);
  const ensemble = treeEnsembleFromJson(j.ensemble);
  const nums = (v: unknown) => (Array.isArray(v) ? v.map(Number) : []);
  return fittedGbdt({
    ensemble,
    params,
    nClasses: Number(j.nClasses),
    categories: Int32Array.from(nums(j.categories)),
    nIter: Number(j.nIter),
    trainScore: Float64Array.from(nums(j.trainScore)),
    validationScore: Float64Array.from(nums(j.validationScore)),
  });
}
