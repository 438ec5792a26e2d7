import { labelKey, type ObservedFeedback, type ObservedPrediction, scoreOf } from './observation.js';

interface Kept {
  label: string | undefined;
  value: number | undefined;
}

/**
 * What one arm of a canary step (the baseline or the candidate) served: answers, failures,
 * latencies, predictions, and the labels that arrived for them. Probes are ignored.
 */
export class ArmSamples {
  answers = 0;
  errors = 0;
  readonly latencies: number[] = [];
  readonly labels: string[] = [];
  readonly values: number[] = [];
  readonly scores: number[] = [];
  labelled = 0;
  correct = 0;
  readonly absoluteErrors: number[] = [];
  private readonly byId = new Map<string, Kept>();

  constructor(private readonly maxKept = 100_000) {}

  /** Requests the arm was assigned: answered or failed. */
  get requests(): number {
    return this.answers + this.errors;
  }

  add(record: ObservedPrediction): void {
    if (record.probe) return;
    this.answers++;
    this.latencies.push(record.latencyMs);
    const label = labelKey(record.output.label);
    if (label !== undefined) this.labels.push(label);
    if (record.output.value !== undefined) this.values.push(record.output.value);
    const score = scoreOf(record.output);
    if (!Number.isNaN(score) && record.output.value === undefined) this.scores.push(score);
    this.byId.set(record.id, { label, value: record.output.value });
    if (this.byId.size > this.maxKept) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
  }

  /** Rows the arm failed to answer (the model threw, timed out, or gave an invalid output). */
  addError(rows = 1): void {
    this.errors += rows;
  }

  /** Ground truth for one of this arm's predictions; false when the id is not one of them. */
  addFeedback(feedback: ObservedFeedback): boolean {
    const kept = this.byId.get(feedback.predictionId);
    if (kept === undefined) return false;
    this.byId.delete(feedback.predictionId);
    if (feedback.value !== undefined && kept.value !== undefined) {
      this.absoluteErrors.push(Math.abs(kept.value - feedback.value));
      this.labelled++;
      return true;
    }
    const truth = labelKey(feedback.label);
    if (truth === undefined || kept.label === undefined) return false;
    this.labelled++;
    if (truth === kept.label) this.correct++;
    return true;
  }
}
