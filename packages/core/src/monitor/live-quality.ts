import {
  accuracyScore,
  classificationCounts,
  logLoss,
  meanAbsoluteError,
  rootMeanSquaredError,
} from '../metrics/index.js';
import type { JoinedRecord } from './prediction-log.js';
import type { PredictionRole } from './prediction-record.js';

export interface ClassQuality {
  readonly label: string;
  /** Rows whose true label is this class. */
  readonly support: number;
  /** Rows predicted as this class. */
  readonly predicted: number;
  /** Rows of this class predicted right. */
  readonly correct: number;
}

export interface LiveClassification {
  /** Rows with a true label and a predicted label. */
  readonly n: number;
  /** sklearn.metrics.accuracy_score over the n rows. */
  readonly accuracy: number;
  /**
   * sklearn.metrics.log_loss over the rows with probabilities (columns: the classes of the
   * probabilities, sorted); null when no row has them, or a true label is not among them.
   */
  readonly logLoss: number | null;
  readonly nWithProbabilities: number;
  readonly classes: readonly ClassQuality[];
}

export interface LiveRegression {
  readonly n: number;
  readonly mae: number;
  readonly rmse: number;
}

/** Live quality of one model version in one role, from the feedback received so far. */
export interface LiveQuality {
  readonly model: string;
  readonly version: string;
  readonly role: PredictionRole;
  /** Predictions with any feedback. */
  readonly n: number;
  readonly classification?: LiveClassification;
  readonly regression?: LiveRegression;
  readonly ratings?: { readonly n: number; readonly mean: number };
  readonly interactions?: { readonly n: number; readonly used: number; readonly usedRate: number };
}

export interface LiveQualityOptions {
  /** Count probe predictions too (default false: probes are excluded from user metrics). */
  includeProbes?: boolean;
}

interface Group {
  model: string;
  version: string;
  role: PredictionRole;
  n: number;
  yTrue: string[];
  yPred: string[];
  probaTrue: string[];
  proba: Array<Readonly<Record<string, number>>>;
  vTrue: number[];
  vPred: number[];
  ratings: number[];
  used: number;
  interactions: number;
}

/**
 * Live quality per model version and role from labelled predictions (`log.joined(...)`):
 * classification where the feedback has a `label` and the prediction a label (labels compared as
 * text, so 1 and "1" are the same class), regression where the feedback has a `value` and the
 * prediction a value, plus mean rating and share of 'used' interactions. Metrics are Vigie's
 * scikit-learn-equal ones (accuracyScore, logLoss, meanAbsoluteError, rootMeanSquaredError), with
 * the sample size of each. Sorted by model, version, role.
 */
export async function liveQuality(
  joined: AsyncIterable<JoinedRecord> | Iterable<JoinedRecord>,
  options: LiveQualityOptions = {},
): Promise<LiveQuality[]> {
  const groups = new Map<string, Group>();
  for await (const { prediction: p, feedback: f } of joined) {
    if (p.probe && !options.includeProbes) continue;
    const key = JSON.stringify([p.model, p.version, p.role]);
    let g = groups.get(key);
    if (!g) {
      g = {
        model: p.model,
        version: p.version,
        role: p.role,
        n: 0,
        yTrue: [],
        yPred: [],
        probaTrue: [],
        proba: [],
        vTrue: [],
        vPred: [],
        ratings: [],
        used: 0,
        interactions: 0,
      };
      groups.set(key, g);
    }
    g.n++;
    if (f.label !== undefined && f.label !== null && p.output.label !== undefined) {
      g.yTrue.push(String(f.label));
      g.yPred.push(String(p.output.label));
      if (p.output.probabilities) {
        g.probaTrue.push(String(f.label));
        g.proba.push(p.output.probabilities);
      }
    }
    if (typeof f.value === 'number' && typeof p.output.value === 'number') {
      g.vTrue.push(f.value);
      g.vPred.push(p.output.value);
    }
    if (typeof f.rating === 'number') g.ratings.push(f.rating);
    if (f.interaction !== undefined) {
      g.interactions++;
      if (f.interaction === 'used') g.used++;
    }
  }
  const out = [...groups.values()].map(summarize);
  return out.sort(
    (a, b) =>
      a.model.localeCompare(b.model) || a.version.localeCompare(b.version) || a.role.localeCompare(b.role),
  );
}

function summarize(g: Group): LiveQuality {
  const q: { -readonly [K in keyof LiveQuality]: LiveQuality[K] } = {
    model: g.model,
    version: g.version,
    role: g.role,
    n: g.n,
  };
  if (g.yTrue.length > 0) q.classification = classification(g);
  if (g.vTrue.length > 0)
    q.regression = {
      n: g.vTrue.length,
      mae: meanAbsoluteError(g.vTrue, g.vPred),
      rmse: rootMeanSquaredError(g.vTrue, g.vPred),
    };
  if (g.ratings.length > 0)
    q.ratings = { n: g.ratings.length, mean: g.ratings.reduce((s, r) => s + r, 0) / g.ratings.length };
  if (g.interactions > 0)
    q.interactions = { n: g.interactions, used: g.used, usedRate: g.used / g.interactions };
  return q;
}

function classification(g: Group): LiveClassification {
  const counts = classificationCounts(g.yTrue, g.yPred);
  const k = counts.labels.length;
  const classes: ClassQuality[] = counts.labels.map((label, t) => {
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < k; j++) {
      support += counts.matrix[t * k + j]!;
      predicted += counts.matrix[j * k + t]!;
    }
    return { label: String(label), support, predicted, correct: counts.matrix[t * k + t]! };
  });
  return {
    n: g.yTrue.length,
    accuracy: accuracyScore(g.yTrue, g.yPred),
    logLoss: liveLogLoss(g.probaTrue, g.proba),
    nWithProbabilities: g.proba.length,
    classes,
  };
}

/** Log loss over the rows with probabilities, when every true label is one of their classes. */
function liveLogLoss(yTrue: string[], proba: ReadonlyArray<Readonly<Record<string, number>>>): number | null {
  if (proba.length === 0) return null;
  const labels = [...new Set(proba.flatMap((p) => Object.keys(p)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const known = new Set(labels);
  if (labels.length < 2 || yTrue.some((y) => !known.has(y))) return null;
  const matrix = proba.map((p) => labels.map((c) => p[c] ?? 0));
  try {
    return logLoss(yTrue, matrix, { labels });
  } catch {
    return null; // probabilities not summing to 1: the gateway refuses such outputs before logging
  }
}
