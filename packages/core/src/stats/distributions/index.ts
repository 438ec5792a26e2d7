/**
 * Probability distributions as objects mirroring scipy.stats: `pdf`, `logpdf`, `cdf`, `sf`,
 * `ppf`, `isf` (and `logcdf`, `logsf` for the normal), parameters positional after x with
 * scipy's meaning. Tails are computed directly (sf is never 1 - cdf where that would cancel).
 * Invalid parameters or probabilities give NaN, exactly where scipy returns NaN: these are
 * continuous math functions, so they do not throw.
 */
export { betaDist } from './beta-dist.js';
export { chi2 } from './chi2.js';
export { fDist } from './f-dist.js';
export { gammaDist } from './gamma-dist.js';
export { ksone, kstwobign } from './kolmogorov-dists.js';
export { kstwo } from './kstwo.js';
export { norm } from './norm.js';
export { studentT } from './student-t.js';
