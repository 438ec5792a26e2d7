export {
  benjaminiHochberg,
  bonferroni,
  holm,
  type MultipleTestsMethod,
  type MultipleTestsOptions,
  type MultipleTestsResult,
  multipletests,
} from './multipletests.js';
