/**
 * What the release statistics read from one answer: the fields of the monitor domain's
 * PredictionRecord they use (a PredictionRecord is one; the type is restated here because the
 * release domain comes before monitor in the domain order).
 */
export interface ObservedPrediction {
  readonly id: string;
  readonly role: 'primary' | 'candidate' | 'shadow';
  /** For a shadow answer: the id of the primary prediction it mirrors. */
  readonly pairedWith?: string;
  readonly probe: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly output: {
    readonly label?: string | number | boolean;
    readonly probabilities?: Readonly<Record<string, number>>;
    readonly value?: number;
  };
  readonly latencyMs: number;
}

/** Ground truth for a prediction, as the monitor domain's FeedbackRecord carries it. */
export interface ObservedFeedback {
  readonly predictionId: string;
  readonly label?: string | number | boolean;
  readonly value?: number;
}

/** The label as a category key (labels may be strings, numbers or booleans). */
export function labelKey(label: string | number | boolean | undefined): string | undefined {
  return label === undefined ? undefined : String(label);
}

/** The highest class probability, or the value for a regression; NaN when the answer has neither. */
export function scoreOf(output: ObservedPrediction['output']): number {
  if (output.value !== undefined) return output.value;
  if (output.probabilities) {
    let best = Number.NaN;
    for (const p of Object.values(output.probabilities)) if (!(p <= best)) best = p;
    return best;
  }
  return Number.NaN;
}
