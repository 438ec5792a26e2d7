export { combineHashes, tableContentHash } from './content-hash.js';
export { mergeProfiles } from './merge.js';
export { parseProfile } from './parse-profile.js';
export { codeCounts } from './profile-categorical.js';
export { histogramEdges, sortedQuantile } from './profile-numeric.js';
export { profileColumn, profileTable } from './profile-table.js';
export { duplicateMask, FingerprintSet, type RowHashes, rowHashes } from './row-hash.js';
export * from './types.js';
