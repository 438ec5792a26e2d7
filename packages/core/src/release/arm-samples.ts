import { createRandom, type Random } from '../random/index.js';
import { BoundedMap } from './bounded-map.js';
import { labelKey, type ObservedFeedback, type ObservedPrediction, scoreOf } from './observation.js';

interface Kept {
  label: string | undefined;
  value: number | undefined;
}

export interface ArmSamplesOptions {
  /** Predictions kept by id, waiting for their label (oldest dropped first). Default 100,000. */
  maxKept?: number;
  /**
   * Latencies and predictions kept for the tests: beyond this many answers, a uniform reservoir
   * sample of them (counts stay exact). Bounds the memory and the cost of an analysis. Default 50,000.
   */
  maxSamples?: number;
  /** Seed of the reservoir sampling. Default 0. */
  seed?: number;
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
  private readonly byId: BoundedMap<Kept>;
  private readonly maxSamples: number;
  private readonly rng: Random;

  constructor(options: ArmSamplesOptions = {}) {
    this.byId = new BoundedMap(options.maxKept ?? 100_000);
    this.maxSamples = options.maxSamples ?? 50_000;
    this.rng = createRandom(options.seed ?? 0);
  }

  /** Requests the arm was assigned: answered or failed. */
  get requests(): number {
    return this.answers + this.errors;
  }

  add(record: ObservedPrediction): void {
    if (record.probe) return;
    this.answers++;
    const label = labelKey(record.output.label);
    const value = record.output.value;
    const score = value === undefined ? scoreOf(record.output) : Number.NaN;
    // Algorithm R: the first maxSamples answers, then each replaces a kept one with probability maxSamples/answers.
    const slot = this.answers <= this.maxSamples ? -1 : this.rng.int(this.answers);
    if (slot >= this.maxSamples) {
      this.keepForLabel(record.id, label, value);
      return;
    }
    const put = (xs: (number | string)[], x: number | string) => {
      if (slot < 0) xs.push(x);
      else if (slot < xs.length) xs[slot] = x;
    };
    put(this.latencies, record.latencyMs);
    if (label !== undefined) put(this.labels, label);
    if (value !== undefined) put(this.values, value);
    if (!Number.isNaN(score)) put(this.scores, score);
    this.keepForLabel(record.id, label, value);
  }

  private keepForLabel(id: string, label: string | undefined, value: number | undefined): void {
    this.byId.set(id, { label, value });
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
