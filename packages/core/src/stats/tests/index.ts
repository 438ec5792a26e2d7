export * from './contingency/index.js';
export * from './one-sample/index.js';
export * from './two-sample/index.js';
