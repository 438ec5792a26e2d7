import type { PredictionRole } from '@vigie/core/monitor';

/**
 * A request a model failed to answer: it threw, timed out (shadow calls) or gave an answer the
 * output check refused. No prediction record exists for it, so observers that count errors per
 * model version and role (the release controller's canary and shadow analyses) hear of it here.
 * Requests refused for bad input (4xx) are the caller's, not the model's, and are not failures.
 */
export interface PredictionFailure {
  readonly model: string;
  readonly version: string;
  readonly role: PredictionRole;
  readonly probe: boolean;
  /** Rows of the request. */
  readonly rows: number;
  readonly reason: 'error' | 'timeout' | 'invalid_output';
}

/** Called for every failed request; exceptions are counted and ignored, as for prediction observers. */
export type FailureObserver = (failure: PredictionFailure) => void;
