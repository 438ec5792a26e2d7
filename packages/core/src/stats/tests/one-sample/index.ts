/**
 * One-sample tests of normality: skewtest, kurtosistest, normaltest (D'Agostino-Pearson),
 * jarqueBera and shapiro (Shapiro-Wilk, Royston's AS R94), mirroring scipy.stats.
 */
export { jarqueBera } from './jarque-bera.js';
export { type KurtosistestOptions, kurtosistest } from './kurtosistest.js';
export { normaltest } from './normaltest.js';
export { shapiro } from './shapiro.js';
export { type SkewtestOptions, skewtest } from './skewtest.js';
