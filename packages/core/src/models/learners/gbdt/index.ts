export { gbdtCategories } from './categories.js';
export { fitGbdt } from './fit-gbdt.js';
export { type FittedGbdt, gbdtFromJson } from './fitted-gbdt.js';
export type { GbdtOptions, GbdtParams } from './options.js';
