import { availableParallelism } from 'node:os';
import { createRandom, type Random } from '../../../random/index.js';
import type { Matrix } from '../../../stats/index.js';
import type { DecisionTree, TreeEnsemble } from '../../trees/tree-ensemble.js';
import { type BinMapper, binRows, fitBinMapper } from './binning.js';
import { shouldStop, validationSplit } from './early-stopping.js';
import { type FittedGbdt, fittedGbdt } from './fitted-gbdt.js';
import { addBinnedTree, type BinnedTree, type GrowBuffers, growTree } from './grower.js';
import { createHistogramBuilder } from './histogram-builder.js';
import { allocateHistogramData, type HistogramData } from './histogram-memory.js';
import { binomial, type Loss, multinomial, squaredError } from './loss.js';
import { type GbdtOptions, type GbdtParams, resolveGbdtParams } from './options.js';
import type { SplitContext } from './split.js';
import { checkInputs } from './validate.js';

/**
 * Histogram gradient-boosted trees, as scikit-learn's `HistGradientBoostingClassifier` /
 * `HistGradientBoostingRegressor` (same binning, best-first growth, gain, leaf values, prior and
 * early stopping; see docs/learners.md): each iteration fits one tree per raw-score output to the
 * loss's gradients and hessians, and adds learningRate × its leaf values −G/(H + l2).
 * Missing values (NaN) get a bin of their own and each split learns where they go; categorical
 * features (`options.categories`) split on a set of categories found by scikit-learn's sorted
 * scan. Seeded and deterministic: the same inputs and seed give the same model.
 *
 * @example
 * const pipeline = fitPipeline(train, { kind: 'trees', exclude: ['species'] });
 * const model = fitGbdt(pipeline.transform(train), y, { task: 'classification', categories: gbdtCategories(pipeline) });
 * model.predictProba(pipeline.transform(test));
 */
export function fitGbdt(x: Matrix, y: ArrayLike<number>, options: GbdtOptions): FittedGbdt {
  const params = resolveGbdtParams(options);
  const { nClasses, categories } = checkInputs(x, y, options, params.task);
  const f = x.cols;
  const rng = createRandom(params.seed);
  const earlyStopping = params.earlyStopping === 'auto' ? x.rows > 10_000 : params.earlyStopping;

  let trainRows: Uint32Array = new Uint32Array(x.rows);
  for (let i = 0; i < x.rows; i++) trainRows[i] = i;
  let heldOut: Uint32Array | null = null;
  if (earlyStopping && !options.validation && params.validationFraction !== null) {
    const split = validationSplit(
      y,
      params.validationFraction,
      params.task === 'classification',
      rng.derive(1),
    );
    trainRows = split.train;
    heldOut = split.validation;
  }
  const mapper = fitBinMapper(x, trainRows, categories, params.maxBins, rng.derive(2));
  const _n = trainRows.length;
  // Worth a helper thread only when histograms are large (see histogram-builder.ts).
  const threads = Math.min(options.threads ?? availableParallelism(), 2);
  const useThreads = threads > 1 && trainRows.length * f >= 2_000_000;
  const loss: Loss =
    params.task === 'regression' ? squaredError : nClasses === 2 ? binomial : multinomial(nClasses);
  const data = allocateHistogramData({
    rows: trainRows.length,
    nFeatures: f,
    nOutputs: loss.nOutputs,
    constantHessian: loss.constantHessian,
    stride: params.maxBins + 1,
    shared: useThreads,
  });
  const bins = binRows(mapper, x, trainRows, data.bins);
  const yTrain = data.y;
  for (let i = 0; i < trainRows.length; i++) yTrain[i] = y[trainRows[i]!]!;
  let validation: { bins: Uint8Array; y: Float64Array } | null = null;
  if (earlyStopping && options.validation) {
    const v = options.validation;
    checkInputs(v.x, v.y, { ...options, nClasses }, params.task, f);
    validation = { bins: binRows(mapper, v.x, null), y: Float64Array.from(v.y) };
  } else if (heldOut) {
    validation = { bins: binRows(mapper, x, heldOut), y: Float64Array.from(heldOut, (r) => y[r]!) };
  }

  const missingBin = params.maxBins;
  const hasMissing = new Uint8Array(f);
  for (let i = 0; i < bins.length; i++) if (bins[i] === missingBin) hasMissing[i % f] = 1;
  const isCategorical = Uint8Array.from({ length: f }, (_, j) => ((categories[j] ?? 0) > 0 ? 1 : 0));
  const ctx: SplitContext = {
    nFeatures: f,
    stride: params.maxBins + 1,
    nBinsNonMissing: mapper.nBinsNonMissing,
    hasMissing,
    isCategorical,
    order: Int32Array.from(
      [...isCategorical.keys()].sort((a, b) => isCategorical[b]! - isCategorical[a]! || a - b),
    ),
    minSamplesLeaf: params.minSamplesLeaf,
    l2: params.l2Regularization,
    constantHessian: loss.constantHessian,
  };
  const trees = boost(
    params,
    ctx,
    loss,
    data,
    yTrain,
    validation,
    earlyStopping,
    rng,
    useThreads ? threads : 1,
  );
  const ensemble = toEnsemble(trees.binned, trees.baseline, loss.nOutputs, params, mapper, categories, f);
  return fittedGbdt({
    ensemble,
    params,
    nClasses: params.task === 'classification' ? nClasses : 0,
    categories: Int32Array.from({ length: f }, (_, j) => categories[j] ?? 0),
    nIter: trees.nIter,
    trainScore: Float64Array.from(trees.trainScore),
    validationScore: Float64Array.from(trees.validationScore),
  });
}

interface Boosted {
  binned: BinnedTree[];
  baseline: Float64Array;
  nIter: number;
  trainScore: number[];
  validationScore: number[];
}

function boost(
  params: GbdtParams,
  ctx: SplitContext,
  loss: Loss,
  data: HistogramData,
  y: Float64Array,
  validation: { bins: Uint8Array; y: Float64Array } | null,
  earlyStopping: boolean,
  rng: Random,
  threads: number,
): Boosted {
  const n = y.length;
  const k = loss.nOutputs;
  const f = ctx.nFeatures;
  const baseline = loss.baseline(y);
  const raw = data.raw;
  if (k === 1) raw.fill(baseline[0]!);
  else for (let i = 0; i < n; i++) raw.set(baseline, i * k);
  const nVal = validation ? validation.y.length : 0;
  const rawVal = new Float64Array(nVal * k);
  for (let i = 0; i < nVal; i++) rawVal.set(baseline, i * k);
  const { bins, idx } = data;
  const trainScore: number[] = [];
  const validationScore: number[] = [];
  const score = () => {
    trainScore.push(-loss.mean(y, raw));
    if (validation) validationScore.push(-loss.mean(validation.y, rawVal));
  };
  if (earlyStopping) score();
  const columns = data.columns;
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) columns[j * n + i] = bins[i * f + j]!;
  const histograms = createHistogramBuilder(data, threads, loss);
  try {
    return boostLoop();
  } finally {
    histograms.close();
  }

  function boostLoop(): Boosted {
    const buffers: GrowBuffers = {
      scratch: data.scratch,
      free: [],
      partitionNumeric: histograms.partitionNumeric,
    };
    const rowRng = rng.derive(3);
    const featureRng = rng.derive(4);
    const nSub = params.subsample < 1 ? Math.max(1, Math.floor(params.subsample * n)) : n;
    const growParams = {
      maxLeafNodes: params.maxLeafNodes,
      maxDepth: params.maxDepth,
      minSamplesLeaf: params.minSamplesLeaf,
      shrinkage: params.learningRate,
      maxFeatures: params.maxFeatures,
    };
    const binned: BinnedTree[] = [];
    let nIter = 0;
    for (let iter = 0; iter < params.maxIter; iter++) {
      histograms.gradients();
      for (let c = 0; c < k; c++) {
        const used = nSub < n ? selectRows(idx, n, nSub, rowRng) : identity(idx, n);
        const tree = growTree(
          ctx,
          columns,
          idx,
          used,
          (hist, start, end) => histograms.build(hist, start, end, c),
          growParams,
          featureRng,
          buffers,
          (start, end, value) => {
            if (used < n) return;
            if (data.kernel) data.kernel.addToRows(raw, idx, start, end, k, c, value);
            else for (let i = start; i < end; i++) raw[idx[i]! * k + c]! += value;
          },
        );
        // With a row sample, the rows left out learn their leaf by walking the tree.
        if (used < n) addBinnedTree(tree, bins, f, params.maxBins, n, raw, k, c);
        binned.push(tree);
        if (validation) addBinnedTree(tree, validation.bins, f, params.maxBins, nVal, rawVal, k, c);
      }
      nIter++;
      if (earlyStopping) {
        score();
        if (shouldStop(validation ? validationScore : trainScore, params.nIterNoChange, params.tol)) break;
      }
    }
    return { binned, baseline, nIter, trainScore, validationScore };
  }
}

function identity(idx: Uint32Array, n: number): number {
  for (let i = 0; i < n; i++) idx[i] = i;
  return n;
}

/** `m` of the `n` rows without replacement, ascending (Knuth's selection sampling). */
function selectRows(idx: Uint32Array, n: number, m: number, rng: Random): number {
  let chosen = 0;
  for (let i = 0; i < n && chosen < m; i++) if ((n - i) * rng.float() < m - chosen) idx[chosen++] = i;
  return m;
}

/**
 * The binned trees as a `TreeEnsemble` over raw feature values: a numeric split's threshold is its
 * bin's upper edge (+∞ when every non-missing value goes left); a categorical split's categories
 * are the codes of its left bins, plus, when missing values go left, every code in 0..K−1 that
 * training never saw (an unseen category is treated as missing, as in scikit-learn).
 */
function toEnsemble(
  binned: BinnedTree[],
  baseline: Float64Array,
  k: number,
  params: GbdtParams,
  mapper: BinMapper,
  categories: readonly number[],
  f: number,
): TreeEnsemble {
  const unseen = mapper.knownCodes.map((codes, j) => {
    if (!codes) return [];
    const known = new Set(codes);
    const out: number[] = [];
    for (let c = 0; c < (categories[j] ?? 0); c++) if (!known.has(c)) out.push(c);
    return out;
  });
  const trees = binned.map((t): DecisionTree => {
    const m = t.feature.length;
    const threshold = new Float64Array(m);
    const cats: Array<Int32Array | null> = new Array<Int32Array | null>(m).fill(null);
    for (let i = 0; i < m; i++) {
      const j = t.feature[i]!;
      if (j < 0) continue;
      const lb = t.leftBins[i];
      if (lb) {
        const codes = mapper.knownCodes[j]!;
        const left: number[] = [];
        codes.forEach((code, b) => {
          if (lb[b]) left.push(code);
        });
        if (t.missingLeft[i]) left.push(...unseen[j]!);
        cats[i] = Int32Array.from(left).sort();
        threshold[i] = Number.NaN;
      } else {
        const edges = mapper.thresholds[j]!;
        threshold[i] =
          t.bin[i] === mapper.nBinsNonMissing[j]! - 1 ? Number.POSITIVE_INFINITY : edges[t.bin[i]!]!;
      }
    }
    return {
      feature: t.feature,
      threshold,
      left: t.left,
      right: t.right,
      missingLeft: t.missingLeft,
      categories: cats,
      value: t.value,
      cover: t.count,
    };
  });
  return {
    task: params.task,
    nFeatures: f,
    nOutputs: k,
    trees,
    treeOutput: Int32Array.from(trees, (_, i) => i % k),
    baseScore: baseline,
    link: params.task === 'regression' ? 'identity' : k === 1 ? 'logistic' : 'softmax',
  };
}
