/**
 * The detectors share the statistics core's row-major Matrix (one definition for the whole
 * library); re-exported here so the anomaly domain reads self-contained.
 */
export { checkMatrix, type Matrix, matrixFromRows } from '../stats/index.js';
