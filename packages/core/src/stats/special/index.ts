/**
 * Special functions behind the distributions and tests, with scipy.special's names (camelCase)
 * and argument orders. Each is a continuous math function: invalid arguments give NaN, as in
 * scipy, rather than throwing.
 */
export { betainc, betaincc } from './beta-inc.js';
export { betainccinv, betaincinv, betaincinvPair, type UnitPair } from './beta-inc-inv.js';
export { gammaDensityFactor, gammainc, gammaincc } from './gamma-inc.js';
export { gammainccinv, gammaincinv } from './gamma-inc-inv.js';
export { kolmogc, kolmogci, kolmogi, kolmogorov, kolmogp } from './kolmogorov.js';
export { logNdtr, ndtr, ndtri } from './normal.js';
export { smirnov, smirnovc, smirnovci, smirnovi, smirnovp } from './smirnov.js';
export { betaln, digamma, erf, erfc, erfcinv, gammaln } from './stdlib.js';
