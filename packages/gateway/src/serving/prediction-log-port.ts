import type { FeedbackRecord, PredictionRecord } from '@vigie/core/monitor';

/**
 * What the gateway needs of a prediction log (core monitor's `PredictionLog` has all of it):
 * `append` resolves once the records are durable (committed), `appendFeedback` fails with a
 * NOT_FOUND VigieError for an unknown prediction id, `health` feeds /metrics.
 */
export interface GatewayPredictionLog {
  append(records: readonly PredictionRecord[]): Promise<void>;
  appendFeedback(feedback: FeedbackRecord): Promise<void>;
  health(): { written: number; dropped: number; failed?: number; queued: number; lagMs: number };
}

/**
 * When a predict answer is sent: 'received' at once (the records are appended behind it; a crash
 * may lose the last ones), 'logged' only once its records are committed to the log.
 */
export type AckMode = 'received' | 'logged';
