export {
  gridCandidates,
  type ParamRange,
  type Params,
  type ParamValue,
  parseSearchSpace,
  randomCandidates,
  type SearchSpace,
} from './search-space.js';
