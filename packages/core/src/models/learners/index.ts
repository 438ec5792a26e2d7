export { type LbfgsOptions, type LbfgsResult, lbfgs, type Objective } from './lbfgs.js';
export {
  type FittedLogistic,
  fittedLogistic,
  type LogisticParams,
  logisticRegression,
} from './logistic-regression.js';
