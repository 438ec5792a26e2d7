/**
 * Releases: the declarative release spec, shadow comparison and canary analysis statistics, the
 * sample-ratio check, and decisions as verdicts. Pure: the gateway executes them.
 */
export { ArmSamples } from './arm-samples.js';
export { analyzeCanary, type CanaryAnalysis, type CanaryAnalysisInput } from './canary-analysis.js';
export { type Decision, decide, isBlocking, type Outcome } from './decide.js';
export { formatDuration, parseDuration } from './duration.js';
export { labelKey, type ObservedFeedback, type ObservedPrediction, scoreOf } from './observation.js';
export { checkOfflineGates } from './offline-gates.js';
export { parseReleaseSpec, readReleaseSpec, validateReleaseSpec } from './parse-spec.js';
export { type SampleRatioInput, sampleRatioCheck } from './sample-ratio.js';
export {
  type RateWithInterval,
  ShadowComparison,
  type ShadowComparisonOptions,
  type ShadowSummary,
} from './shadow-comparison.js';
export { shadowVerdicts } from './shadow-verdicts.js';
export {
  type CanaryPhase,
  type OfflineGate,
  type OnlineGates,
  type ReleaseSpec,
  type ReleaseSpecInput,
  releaseSpecSchema,
  type ShadowPhase,
} from './spec.js';
