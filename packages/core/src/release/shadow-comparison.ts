import { mcnemarFromCounts } from '../metrics/index.js';
import { createRandom, type Random } from '../random/index.js';
import { mean, proportionConfint, quantiles } from '../stats/index.js';
import { BoundedMap } from './bounded-map.js';
import { labelKey, type ObservedFeedback, type ObservedPrediction } from './observation.js';

export interface ShadowComparisonOptions {
  /** Regression: answers closer than this agree. Default 0. */
  valueTolerance?: number;
  /** An input field whose values slice the comparison. */
  sliceBy?: string;
  /** Confidence level of the intervals. Default 0.95. */
  confidence?: number;
  /** Unmatched answers and labelled pairs kept in memory (oldest dropped first). Default 100,000. */
  maxPending?: number;
  /** Score differences kept for the quantiles: beyond, a seeded uniform reservoir sample. Default 50,000. */
  maxSamples?: number;
  seed?: number;
}

interface Answer {
  label: string | undefined;
  /** The probability of the primary's label (classification) or the value (regression). */
  probabilities: Readonly<Record<string, number>> | undefined;
  value: number | undefined;
  slice: string | undefined;
}

interface SliceCounts {
  n: number;
  disagreements: number;
}

export interface RateWithInterval {
  count: number;
  n: number;
  rate: number;
  /** Wilson interval (statsmodels proportion_confint, method 'wilson'). */
  ci: [number, number];
}

export interface ShadowSummary {
  /** Primary/shadow pairs compared. */
  pairs: number;
  /** Answers still waiting for their pair (a shadow dropped or not yet back). */
  unmatched: number;
  /** Mirrored requests the candidate failed to answer (threw or gave an invalid answer). */
  failures: RateWithInterval;
  confidence: number;
  disagreement: RateWithInterval;
  /**
   * candidate score − primary score: on the primary's label's probability, or on the values. `n`
   * counts them all; the quantiles are of a uniform sample of at most `maxSamples` of them.
   */
  scoreDifference: {
    n: number;
    mean: number;
    meanAbsolute: number;
    quantiles: { p05: number; p25: number; p50: number; p75: number; p95: number };
    absoluteP95: number;
  } | null;
  /** Per value of the slice field, the most divergent first. */
  slices: Array<RateWithInterval & { value: string }>;
  sliceBy: string | null;
  /** Both scored on the pairs whose label arrived. */
  labelled: {
    n: number;
    task: 'classification' | 'regression';
    metric: 'accuracy' | 'mae';
    primary: number;
    candidate: number;
    /** Classification: McNemar's exact test on the discordant pairs. */
    mcnemar?: { onlyPrimary: number; onlyCandidate: number; pvalue: number };
  } | null;
}

/**
 * Accumulates the comparison of a shadow with the primary it mirrors, fed with every answer
 * (PredictionRecords): pairs are matched by the shadow's `pairedWith`, probes are ignored. It
 * counts disagreements (different labels, or values further apart than the tolerance), keeps the
 * score differences and per-slice counts, and scores both sides as labels arrive.
 */
export class ShadowComparison {
  private readonly tolerance: number;
  private readonly sliceBy: string | undefined;
  private readonly confidence: number;
  private readonly maxSamples: number;
  private readonly rng: Random;
  private scored = 0;
  private readonly waitingPrimary: BoundedMap<Answer>;
  private readonly waitingShadow: BoundedMap<Answer>;
  /** Compared pairs by primary id, until their label arrives. */
  private readonly compared: BoundedMap<{ primary: Answer; shadow: Answer }>;
  private pairs = 0;
  private failed = 0;
  private disagreements = 0;
  private readonly differences: number[] = [];
  private readonly slices = new Map<string, SliceCounts>();
  private labelled = 0;
  private primaryRight = 0;
  private candidateRight = 0;
  private onlyPrimary = 0;
  private onlyCandidate = 0;
  private readonly primaryErrors: number[] = [];
  private readonly candidateErrors: number[] = [];

  constructor(options: ShadowComparisonOptions = {}) {
    this.tolerance = options.valueTolerance ?? 0;
    this.sliceBy = options.sliceBy;
    this.confidence = options.confidence ?? 0.95;
    const maxPending = options.maxPending ?? 100_000;
    this.waitingPrimary = new BoundedMap(maxPending);
    this.waitingShadow = new BoundedMap(maxPending);
    this.compared = new BoundedMap(maxPending);
    this.maxSamples = options.maxSamples ?? 50_000;
    this.rng = createRandom(options.seed ?? 0);
  }

  /** One answer: a primary one waits for its shadow, a shadow one for its primary (either order). */
  add(record: ObservedPrediction): void {
    if (record.probe || record.role === 'candidate') return;
    const answer: Answer = {
      label: labelKey(record.output.label),
      probabilities: record.output.probabilities,
      value: record.output.value,
      slice: this.sliceBy === undefined ? undefined : sliceValue(record.inputs[this.sliceBy]),
    };
    if (record.role === 'shadow') {
      if (record.pairedWith === undefined) return;
      const primary = this.waitingPrimary.get(record.pairedWith);
      if (primary === undefined) this.waitingShadow.set(record.pairedWith, answer);
      else {
        this.waitingPrimary.delete(record.pairedWith);
        this.compare(record.pairedWith, primary, answer);
      }
      return;
    }
    const shadow = this.waitingShadow.get(record.id);
    if (shadow === undefined) this.waitingPrimary.set(record.id, answer);
    else {
      this.waitingShadow.delete(record.id);
      this.compare(record.id, answer, shadow);
    }
  }

  /** Rows of mirrored traffic the candidate failed to answer. */
  addFailure(rows = 1): void {
    this.failed += rows;
  }

  /** Ground truth for a primary prediction: both sides of its pair are scored. */
  addFeedback(feedback: ObservedFeedback): boolean {
    const pair = this.compared.get(feedback.predictionId);
    if (pair === undefined) return false;
    this.compared.delete(feedback.predictionId);
    if (feedback.value !== undefined && pair.primary.value !== undefined && pair.shadow.value !== undefined) {
      this.primaryErrors.push(Math.abs(pair.primary.value - feedback.value));
      this.candidateErrors.push(Math.abs(pair.shadow.value - feedback.value));
      this.labelled++;
      return true;
    }
    const truth = labelKey(feedback.label);
    if (truth === undefined || pair.primary.label === undefined) return false;
    const p = pair.primary.label === truth;
    const c = pair.shadow.label === truth;
    this.labelled++;
    if (p) this.primaryRight++;
    if (c) this.candidateRight++;
    if (p && !c) this.onlyPrimary++;
    if (c && !p) this.onlyCandidate++;
    return true;
  }

  summary(): ShadowSummary {
    const alpha = 1 - this.confidence;
    const rate = (count: number, n: number): RateWithInterval => ({
      count,
      n,
      rate: n > 0 ? count / n : Number.NaN,
      ci: proportionConfint(count, n, { alpha, method: 'wilson' }),
    });
    const slices = [...this.slices.entries()]
      .map(([value, s]) => ({ value, ...rate(s.disagreements, s.n) }))
      .sort((a, b) => b.rate - a.rate || b.n - a.n);
    return {
      pairs: this.pairs,
      unmatched: this.waitingPrimary.size + this.waitingShadow.size,
      failures: rate(this.failed, this.failed + this.pairs),
      confidence: this.confidence,
      disagreement: rate(this.disagreements, this.pairs),
      scoreDifference: this.scoreDifference(),
      slices,
      sliceBy: this.sliceBy ?? null,
      labelled: this.labelledSummary(),
    };
  }

  private scoreDifference(): ShadowSummary['scoreDifference'] {
    const n = this.differences.length;
    if (n === 0) return null;
    const d = Float64Array.from(this.differences);
    const q = quantiles(d, [0.05, 0.25, 0.5, 0.75, 0.95]);
    const abs = d.map(Math.abs);
    return {
      n: this.scored,
      mean: mean(d),
      meanAbsolute: mean(abs),
      quantiles: { p05: q[0]!, p25: q[1]!, p50: q[2]!, p75: q[3]!, p95: q[4]! },
      absoluteP95: quantiles(abs, [0.95])[0]!,
    };
  }

  private labelledSummary(): ShadowSummary['labelled'] {
    if (this.labelled === 0) return null;
    if (this.primaryErrors.length > 0)
      return {
        n: this.labelled,
        task: 'regression',
        metric: 'mae',
        primary: mean(Float64Array.from(this.primaryErrors)),
        candidate: mean(Float64Array.from(this.candidateErrors)),
      };
    const { pvalue } = mcnemarFromCounts(this.onlyPrimary, this.onlyCandidate);
    return {
      n: this.labelled,
      task: 'classification',
      metric: 'accuracy',
      primary: this.primaryRight / this.labelled,
      candidate: this.candidateRight / this.labelled,
      mcnemar: { onlyPrimary: this.onlyPrimary, onlyCandidate: this.onlyCandidate, pvalue },
    };
  }

  private compare(primaryId: string, primary: Answer, shadow: Answer): void {
    this.pairs++;
    let disagree: boolean;
    if (primary.value !== undefined && shadow.value !== undefined) {
      const diff = shadow.value - primary.value;
      disagree = Math.abs(diff) > this.tolerance;
      this.keepDifference(diff);
    } else {
      disagree = primary.label !== shadow.label;
      const p = primary.label === undefined ? undefined : primary.probabilities?.[primary.label];
      const s = primary.label === undefined ? undefined : shadow.probabilities?.[primary.label];
      if (p !== undefined && s !== undefined) this.keepDifference(s - p);
    }
    if (disagree) this.disagreements++;
    if (primary.slice !== undefined) {
      const counts = this.slices.get(primary.slice) ?? { n: 0, disagreements: 0 };
      counts.n++;
      if (disagree) counts.disagreements++;
      this.slices.set(primary.slice, counts);
    }
    this.compared.set(primaryId, { primary, shadow });
  }

  /** Algorithm R over the score differences: exact up to maxSamples, a uniform sample beyond. */
  private keepDifference(d: number): void {
    this.scored++;
    if (this.differences.length < this.maxSamples) this.differences.push(d);
    else {
      const j = this.rng.int(this.scored);
      if (j < this.maxSamples) this.differences[j] = d;
    }
  }
}

function sliceValue(v: unknown): string {
  if (v === null || v === undefined) return '(missing)';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
