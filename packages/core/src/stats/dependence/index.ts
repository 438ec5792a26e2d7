/**
 * Dependence between two variables, mirroring scipy.stats, scikit-learn and pandas: correlation
 * coefficients with their tests (Pearson, Spearman, Kendall), pairwise correlation matrices with
 * missing values, association of categorical variables (Cramér's V, correlation ratio) and
 * mutual information (discrete, and binned for continuous variables).
 */
export { correlationRatio } from './correlation-ratio.js';
export { type CramersVOptions, cramersV } from './cramers-v.js';
export { type KendalltauOptions, kendalltau } from './kendalltau.js';
export {
  type AverageMethod,
  mutualInfoScore,
  type NormalizedMutualInfoOptions,
  normalizedMutualInfoScore,
} from './mutual-info.js';
export {
  type MutualInfoBinnedOptions,
  type MutualInfoWithTargetOptions,
  mutualInfoBinned,
  mutualInfoWithTarget,
} from './mutual-info-binned.js';
export { type PairwiseCorrelationOptions, pairwiseCorrelation } from './pairwise-correlation.js';
export { type PearsonrOptions, type PearsonrResult, pearsonr } from './pearsonr.js';
export { type SpearmanrOptions, spearmanr } from './spearmanr.js';
