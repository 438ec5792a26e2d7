/**
 * Tests on counts: goodness of fit (chisquare, powerDivergence), independence in two-way tables
 * (chi2Contingency, gtest, fisherExact), two proportions (proportionsZtest), and the
 * cross-tabulation of category codes that feeds them (contingencyFromCodes).
 */
export {
  type Chi2ContingencyOptions,
  type Chi2ContingencyResult,
  chi2Contingency,
  gtest,
} from './chi2-contingency.js';
export { contingencyFromCodes } from './contingency-from-codes.js';
export { type FisherExactOptions, fisherExact } from './fisher-exact.js';
export {
  type ChisquareOptions,
  chisquare,
  type PowerDivergenceLambda,
  type PowerDivergenceOptions,
  powerDivergence,
} from './power-divergence.js';
export { type ProportionsZtestOptions, proportionsZtest } from './proportions-ztest.js';
export type { ContingencyTable } from './table.js';
