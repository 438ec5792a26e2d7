import { VigieError } from '../../../errors/index.js';
import type { Matrix } from '../../../stats/index.js';

/**
 * Options of `fitGbdt`. Names and defaults follow scikit-learn's
 * `HistGradientBoostingClassifier` / `HistGradientBoostingRegressor`, camel-cased; `subsample`
 * (rows per iteration) is not in scikit-learn (LightGBM's `bagging_fraction`).
 */
export interface GbdtOptions {
  /** 'classification': `y` holds class indices 0..K−1 (log loss, softmax for K > 2); 'regression': squared error. */
  task: 'classification' | 'regression';
  /** Classification: the number of classes K (default: the largest index in `y` plus one). */
  nClasses?: number;
  /**
   * Per feature: 0 for a numeric feature, K > 0 for a categorical one whose values are the codes
   * 0..K−1 (NaN missing), as `fitPipeline(…, { kind: 'trees' })` makes them (see
   * `gbdtCategories`). Default: every feature numeric.
   */
  categories?: readonly number[];
  learningRate?: number;
  maxIter?: number;
  /** Leaves per tree (default 31); null for no limit. */
  maxLeafNodes?: number | null;
  /** Edges from the root to the deepest leaf (default null: no limit). */
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  /** Bins for non-missing values, 2..255 (default 255); missing values get one more bin. */
  maxBins?: number;
  /** 'auto' (default): on when more than 10,000 training rows. */
  earlyStopping?: 'auto' | boolean;
  /** An explicit validation set for early stopping (used instead of `validationFraction`). */
  validation?: { x: Matrix; y: ArrayLike<number> };
  /** Share of the training rows held out (stratified for classification) to score early stopping; null scores on the training rows. Default 0.1. */
  validationFraction?: number | null;
  nIterNoChange?: number;
  /** An iteration improves when the validation loss falls by more than tol (default 1e-7). */
  tol?: number;
  /** Share of the training rows drawn, without replacement, to grow each iteration's trees (default 1). */
  subsample?: number;
  /** Share of the features considered at each split (default 1), as scikit-learn ≥ 1.4's `max_features`. */
  maxFeatures?: number;
  /** Seeds the validation split, the binning sample and both subsamplings (default 0). */
  seed?: number;
  /**
   * Threads for the histograms and gradients (default: the machine's, at most 2; a helper thread is
   * started when rows × features ≥ 2,000,000). The model does not depend on it: the same bits with 1 or 2.
   */
  threads?: number;
}

/** The options with every default filled in, as recorded in the fitted model. */
export interface GbdtParams {
  task: 'classification' | 'regression';
  learningRate: number;
  maxIter: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  earlyStopping: 'auto' | boolean;
  validationFraction: number | null;
  nIterNoChange: number;
  tol: number;
  subsample: number;
  maxFeatures: number;
  seed: number;
}

function bad(field: string, message: string): VigieError {
  return new VigieError('INVALID_ARGUMENT', `gradient boosting: ${field} ${message}`, {
    details: { field },
  });
}

function integerAtLeast(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw bad(field, `must be an integer ≥ ${min}, got ${value}`);
  return value;
}

function share(field: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw bad(field, `must be in (0, 1], got ${value}`);
  return value;
}

/** Fills in the defaults and refuses values scikit-learn refuses. */
export function resolveGbdtParams(options: GbdtOptions): GbdtParams {
  const o = options;
  if (o.task !== 'classification' && o.task !== 'regression')
    throw bad('task', `must be 'classification' or 'regression', got ${String(o.task)}`);
  const learningRate = o.learningRate ?? 0.1;
  if (!(learningRate > 0 && Number.isFinite(learningRate)))
    throw bad('learningRate', `must be > 0, got ${learningRate}`);
  const l2Regularization = o.l2Regularization ?? 0;
  if (!(l2Regularization >= 0 && Number.isFinite(l2Regularization)))
    throw bad('l2Regularization', `must be ≥ 0, got ${l2Regularization}`);
  const tol = o.tol ?? 1e-7;
  if (!(tol >= 0)) throw bad('tol', `must be ≥ 0, got ${tol}`);
  const maxBins = integerAtLeast('maxBins', o.maxBins ?? 255, 2);
  if (maxBins > 255) throw bad('maxBins', `must be ≤ 255, got ${maxBins}`);
  const earlyStopping = o.earlyStopping ?? 'auto';
  if (earlyStopping !== 'auto' && typeof earlyStopping !== 'boolean')
    throw bad('earlyStopping', `must be 'auto', true or false`);
  const validationFraction = o.validationFraction === undefined ? 0.1 : o.validationFraction;
  if (validationFraction !== null && !(validationFraction > 0 && validationFraction < 1))
    throw bad('validationFraction', `must be in (0, 1) or null, got ${validationFraction}`);
  if (o.validation && earlyStopping === false)
    throw bad('validation', 'is given but earlyStopping is false (set it to true or auto)');
  const seed = o.seed ?? 0;
  if (!Number.isFinite(seed)) throw bad('seed', `must be a finite number, got ${seed}`);
  const maxLeafNodes = o.maxLeafNodes === undefined ? 31 : o.maxLeafNodes;
  const maxDepth = o.maxDepth === undefined ? null : o.maxDepth;
  return {
    task: o.task,
    learningRate,
    maxIter: integerAtLeast('maxIter', o.maxIter ?? 100, 1),
    maxLeafNodes: maxLeafNodes === null ? null : integerAtLeast('maxLeafNodes', maxLeafNodes, 2),
    maxDepth: maxDepth === null ? null : integerAtLeast('maxDepth', maxDepth, 1),
    minSamplesLeaf: integerAtLeast('minSamplesLeaf', o.minSamplesLeaf ?? 20, 1),
    l2Regularization,
    maxBins,
    earlyStopping,
    validationFraction,
    nIterNoChange: integerAtLeast('nIterNoChange', o.nIterNoChange ?? 10, 1),
    tol,
    subsample: share('subsample', o.subsample ?? 1),
    maxFeatures: share('maxFeatures', o.maxFeatures ?? 1),
    seed,
  };
}
