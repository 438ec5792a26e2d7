export {
  hellinger,
  jensenshannon,
  klDivergence,
  type LogBaseOptions,
  linf,
  totalVariation,
} from './probability.js';
export { type PsiCountsOptions, type PsiOptions, psi, psiFromCounts } from './psi.js';
export { type WassersteinOptions, wassersteinDistance, wassersteinNormalized } from './wasserstein.js';
