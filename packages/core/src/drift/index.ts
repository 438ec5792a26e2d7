export { computeDrift, type Dataset, isProfile } from './compute-drift.js';
export { computeDriftParallel, warmDriftWorkers } from './compute-drift-parallel.js';
export * from './types.js';
