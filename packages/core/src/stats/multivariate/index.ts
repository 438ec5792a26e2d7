export { type ConditionNumberOptions, conditionNumber } from './condition.js';
export { type CorrelationMatrixOptions, correlationMatrix } from './correlation.js';
export { type EighResult, eigh } from './eigen.js';
export { checkMatrix, type Matrix, matrixFromRows } from './matrix.js';
export { type PcaOptions, type PcaResult, pca } from './pca.js';
export { vif } from './vif.js';
