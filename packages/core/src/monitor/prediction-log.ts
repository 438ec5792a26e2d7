import type { FeedbackRecord, PredictionRecord, PredictionRole } from './prediction-record.js';

/** Which predictions to read; every part optional. `since` is inclusive, `until` exclusive (ISO). */
export interface PredictionLogFilter {
  readonly model?: string;
  readonly version?: string;
  readonly since?: string;
  readonly until?: string;
  readonly role?: PredictionRole;
  readonly probe?: boolean;
  /** At most this many records (the oldest first). */
  readonly limit?: number;
}

/**
 * A prediction and its feedback. When several feedback records reach the same prediction (a label,
 * later a rating), they are merged: each field takes its latest value, `at` is the latest.
 */
export interface JoinedRecord {
  readonly prediction: PredictionRecord;
  readonly feedback: FeedbackRecord;
}

/** The writer's own health, for /metrics and readiness. */
export interface PredictionLogHealth {
  /** Records committed since the log was opened. */
  readonly written: number;
  /** Records refused because the queue was full (backpressure policy 'drop'). */
  readonly dropped: number;
  /** Records whose commit failed (their `append` rejected). */
  readonly failed: number;
  /** Records waiting in the queue (not yet committed). */
  readonly queued: number;
  /** Age in milliseconds of the oldest queued record; 0 when the queue is empty. */
  readonly lagMs: number;
}

/**
 * The durable log of every prediction and its feedback. `append` resolves once its records are
 * committed (so an answer sent after it is never lost by a crash of the process); it rejects when
 * they are not (a full queue under the 'drop' policy, a store failure), never silently.
 */
export interface PredictionLog extends AsyncDisposable {
  /** Where the log lives (passwords redacted). */
  readonly location: string;
  append(records: readonly PredictionRecord[]): Promise<void>;
  /** NOT_FOUND when no prediction has this id. */
  appendFeedback(feedback: FeedbackRecord): Promise<void>;
  read(filter?: PredictionLogFilter): AsyncIterable<PredictionRecord>;
  /**
   * Labelled (or rated) predictions: those with feedback, filtered on the prediction. A shadow
   * answer carries the feedback given on the primary prediction it mirrors (`pairedWith`).
   */
  joined(filter?: PredictionLogFilter): AsyncIterable<JoinedRecord>;
  health(): PredictionLogHealth;
}

/**
 * What a backend implements; the writer (group commit, backpressure, health) sits in front of it.
 * `write` commits a batch atomically (all or nothing) and resolves once it is durable.
 */
export interface PredictionLogStore {
  readonly location: string;
  write(records: readonly PredictionRecord[]): Promise<void>;
  /** NOT_FOUND when no prediction has this id. */
  writeFeedback(feedback: FeedbackRecord): Promise<void>;
  read(filter: PredictionLogFilter): AsyncIterable<PredictionRecord>;
  joined(filter: PredictionLogFilter): AsyncIterable<JoinedRecord>;
  close(): Promise<void>;
}
