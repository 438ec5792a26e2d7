/**
 * The integration kit: abnormal data from a schema and profile, fake models, class short-circuits,
 * shape-of-inference checks and training/serving skew.
 */
export { type BuildGoldenOptions, buildGoldenSet } from './build-golden.js';
export * from './case.js';
export { caseVerdicts, latencySummary } from './case-verdicts.js';
export { type AnswerExpectation, type AnswerPrediction, checkAnswer } from './check-answer.js';
export { checkGoldenSet, type GoldenCaseCheck, type GoldenCheck, goldenVerdicts } from './check-golden.js';
export { MISSING_FIELD, type ValueCase, valueCases } from './column-cases.js';
export {
  applyExpectations,
  type ExpectationOptions,
  type ExpectationRule,
  parseExpectationRule,
} from './expectations.js';
export { createFakeModel, type FakeModelSpec } from './fake-model.js';
export { type FitFakeOptions, type FittedFake, fitFakeModel } from './fit-fake-model.js';
export {
  type FunctionRun,
  type FunctionRunOptions,
  type PipelineFunction,
  runFunctionCases,
} from './function-runner.js';
export { type GenerateOptions, generateCases } from './generate-cases.js';
export * from './golden-set.js';
export { type HttpExchange, postJson } from './http-post.js';
export { type HttpRunOptions, runHttpCases } from './http-runner.js';
export {
  answersShapeVerdicts,
  checkInferenceShape,
  type InferenceShape,
  type ShapeOptions,
  shapeVerdicts,
} from './inference-shape.js';
export {
  type ContractOptions,
  contractViolation,
  inferOutputContract,
  type OutputColumn,
  type OutputContract,
} from './output-contract.js';
export { isCompleteRow, rowsTable, serializeRows, tableRows } from './rows.js';
export { type ColumnSkew, compareFeatures, type SkewOptions, type SkewResult, skewVerdicts } from './skew.js';
