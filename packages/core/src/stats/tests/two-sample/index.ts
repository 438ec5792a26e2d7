/**
 * Two-sample and k-sample hypothesis tests mirroring scipy.stats: distribution tests (ks2samp,
 * cramervonmises2samp, andersonKsamp), rank tests (mannwhitneyu, kruskal), and mean tests
 * (ttestInd, ttestRel, ttest1samp, fOneway). Names, defaults and result fields are scipy's in
 * camelCase; k-sample functions take the samples as separate arguments as scipy does, with a
 * `...WithOptions(samples, options)` form for options (andersonKsamp takes a list, as scipy).
 */
export {
  type AndersonKsampOptions,
  type AndersonKsampResult,
  type AndersonVariant,
  andersonKsamp,
} from './anderson-ksamp.js';
export {
  type Cramervonmises2sampOptions,
  type CramervonmisesMethod,
  cramervonmises2samp,
} from './cramervonmises-2samp.js';
export { type FOnewayOptions, fOneway, fOnewayWithOptions } from './f-oneway.js';
export { type KruskalOptions, kruskal, kruskalWithOptions } from './kruskal.js';
export { type Ks2sampMethod, type Ks2sampOptions, type Ks2sampResult, ks2samp } from './ks-2samp.js';
export { type MannwhitneyuMethod, type MannwhitneyuOptions, mannwhitneyu } from './mannwhitneyu.js';
export {
  type TtestIndOptions,
  type TtestOptions,
  type TtestResult,
  ttest1samp,
  ttestInd,
  ttestRel,
} from './ttest.js';
