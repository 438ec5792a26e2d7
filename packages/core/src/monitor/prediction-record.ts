/**
 * What the gateway hands to its observers for every answer (the prediction log, the release
 * controller's comparisons, the monitors): one record per row. Inputs are already anonymized.
 */
export type PredictionRole = 'primary' | 'candidate' | 'shadow';

export interface PredictionOutput {
  readonly label?: string | number | boolean;
  readonly probabilities?: Readonly<Record<string, number>>;
  readonly value?: number;
}

export interface PredictionRecord {
  /** Unique, time-ordered (UUIDv7). */
  readonly id: string;
  /** ISO 8601 instant the answer was computed. */
  readonly at: string;
  readonly model: string;
  readonly version: string;
  readonly role: PredictionRole;
  /** For a shadow answer: the id of the primary prediction it mirrors. */
  readonly pairedWith?: string;
  /** A synthetic probe request: excluded from user metrics. */
  readonly probe: boolean;
  /** The key sticky canary assignment was made on. */
  readonly requestKey?: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly output: PredictionOutput;
  readonly latencyMs: number;
}

/** Ground truth or a reaction, joined to a prediction by its id (possibly days later). */
export interface FeedbackRecord {
  readonly predictionId: string;
  readonly at: string;
  readonly label?: string | number | boolean;
  readonly value?: number;
  readonly rating?: number;
  readonly interaction?: 'used' | 'ignored';
}
