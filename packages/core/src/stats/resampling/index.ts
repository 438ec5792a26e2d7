export { type BootstrapOptions, type BootstrapResult, bootstrap } from './bootstrap.js';
export { type BootstrapIntervalInput, bootstrapInterval } from './bootstrap-interval.js';
export {
  type PermutationTestOptions,
  type PermutationTestResult,
  type PermutationType,
  permutationTest,
} from './permutation-test.js';
export type { BootstrapMethod, ResampleStatistic } from './types.js';
export { fillUniformIndices } from './uniform-indices.js';
