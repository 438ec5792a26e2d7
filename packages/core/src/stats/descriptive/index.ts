/**
 * Descriptive statistics mirroring numpy and scipy.stats: sums and moments, shape, quantiles and
 * robust spread, ranks and ties, histograms, and the sort / selection kernels under them.
 */
export { max, min } from './extrema.js';
export {
  type Histogram,
  type HistogramOptions,
  histogram,
  histogramUniform,
  histogramUniformSorted,
} from './histogram.js';
export { type BinRule, type HistogramBinEdgesOptions, histogramBinEdges } from './histogram-bin-edges.js';
export { mean, std, type VarianceOptions, variance } from './mean.js';
export { type ModeOptions, type ModeResult, mode } from './mode.js';
export { emptyMoments, type Moments, mergeMoments, moments } from './moments.js';
export {
  median,
  medianInPlace,
  type QuantileMethod,
  type QuantileOptions,
  quantile,
  quantiles,
} from './quantile.js';
export {
  argsortFloat64,
  createSortScratch,
  type SortScratch,
  sortedOrSelf,
  sortFloat64,
} from './radix-sort.js';
export {
  type RankdataOptions,
  type RankMethod,
  rankdata,
  type TieTerms,
  tieCorrectionTerms,
  tiecorrect,
} from './rank.js';
export { type IqrOptions, iqr, type MedianAbsDeviationOptions, medianAbsDeviation } from './robust.js';
export { firstAbove, firstAtLeast } from './search-sorted.js';
export { select } from './select.js';
export { type KurtosisOptions, kurtosis, type SkewOptions, skew } from './shape.js';
export { sum } from './sum.js';
