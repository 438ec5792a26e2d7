/**
 * Statistics kernels: pure functions over typed arrays, named after scipy's in camelCase and
 * verified against scipy, statsmodels and scikit-learn on committed golden fixtures.
 */
export * from './dependence/index.js';
export * from './descriptive/index.js';
export * from './distances/index.js';
export * from './distributions/index.js';
export * from './input.js';
export * from './intervals/index.js';
export * from './multiple-testing/index.js';
export * from './multivariate/index.js';
export * from './resampling/index.js';
export * from './sketches/index.js';
export * from './special/index.js';
export * from './tests/index.js';
