export { computeDrift } from './compute-drift.js';
export { computeDriftParallel } from './compute-drift-parallel.js';
export * from './types.js';
