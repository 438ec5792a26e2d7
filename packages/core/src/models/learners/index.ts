export { type LbfgsOptions, type LbfgsResult, lbfgs, type Objective } from './lbfgs.js';
export {
  type FittedLinearRegression,
  fittedLinearRegression,
  type LinearRegressionParams,
  linearRegression,
} from './linear-regression.js';
export {
  type FittedLogistic,
  fittedLogistic,
  type LogisticL1Params,
  type LogisticParams,
  logisticRegression,
  logisticRegressionL1,
} from './logistic-regression.js';
