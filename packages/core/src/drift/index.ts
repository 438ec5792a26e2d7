export { computeDrift } from './compute-drift.js';
export * from './types.js';
