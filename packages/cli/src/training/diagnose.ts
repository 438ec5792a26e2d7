import { join } from 'node:path';
import type { MetricName } from '@vigie/core/config';
import { baselineVerdict, DEFAULT_BOOTSTRAP, pointMetrics } from '@vigie/core/evaluation';
import { openModel } from '@vigie/core/models';
import { createRandom, sampleIndices, shuffleInPlace } from '@vigie/core/random';
import {
  createTable,
  type DuckDb,
  filterRows,
  getColumn,
  readTable,
  type Table,
  takeColumn,
  writeTable,
} from '@vigie/core/table';
import type { Verdict } from '@vigie/core/verdict';
import { scoreTable } from '../evaluation/score-model.js';
import type { TrialOutcome } from './run-trial.js';

export interface LearningPoint {
  fraction: number;
  rows: number;
  train: number | null;
  validation: number | null;
}

export interface Diagnosis {
  metric: MetricName;
  learningCurve: LearningPoint[];
  verdicts: Verdict[];
}

const FRACTIONS = [0.25, 0.5, 0.75, 1];

/**
 * The diagnosis that needs retraining (FEATURES T6): a learning curve (the metric on train and
 * validation when training on 25, 50, 75 and 100% of the train split, a seeded sample) and a
 * label-shuffle check (trained on labels shuffled across rows, the model must score at chance on
 * validation; otherwise something leaks the label).
 */
export async function diagnose(input: {
  db: DuckDb;
  work: string;
  files: { train: string; validation: string };
  label: string;
  metric: MetricName;
  seed: number;
  /** Trains once more with the chosen parameters on these rows (saved as `file` for a command). */
  retrain: (name: string, rows: Table, file: string) => Promise<TrialOutcome>;
}): Promise<Diagnosis> {
  const { db, work, files, label, metric } = input;
  const train = await readTable(db, files.train, {});
  const validation = await readTable(db, files.validation, {});
  const rng = createRandom(input.seed);
  const score = async (name: string, table: Table) => {
    const file = join(work, `${name}.csv`);
    await writeTable(db, table, file, { format: 'csv' });
    const outcome = await input.retrain(name, table, file);
    if (outcome.status !== 'ok' || !outcome.modelPath?.endsWith('.onnx')) return null;
    await using model = await openModel(outcome.modelPath);
    return {
      train: pointMetrics(await scoreTable(model, table, label), [metric])[metric] ?? null,
      validation: await scoreTable(model, validation, label),
    };
  };

  const learningCurve: LearningPoint[] = [];
  for (const fraction of FRACTIONS) {
    const n = Math.max(2, Math.round(train.rowCount * fraction));
    const keep = new Uint8Array(train.rowCount);
    for (const i of fraction === 1
      ? Array.from({ length: train.rowCount }, (_, i) => i)
      : sampleIndices(train.rowCount, n, rng))
      keep[i] = 1;
    const r = await score(`curve-${Math.round(fraction * 100)}`, filterRows(train, keep));
    learningCurve.push({
      fraction,
      rows: n,
      train: r?.train ?? null,
      validation: r ? (pointMetrics(r.validation, [metric])[metric] ?? null) : null,
    });
  }

  const verdicts: Verdict[] = [];
  const order = Uint32Array.from({ length: train.rowCount }, (_, i) => i);
  shuffleInPlace(order, rng);
  const shuffled = createTable(
    train.columns.map((c) => (c.name === label ? takeColumn(getColumn(train, label), order) : c)),
  );
  const s = await score('label-shuffle', shuffled);
  if (!s) {
    verdicts.push({
      status: 'inconclusive',
      check: 'diagnosis:label-shuffle',
      kind: 'diagnosis',
      subject: label,
      method: 'train on shuffled labels, score on validation',
      value: null,
      threshold: null,
      sampleSizes: { train: train.rowCount, validation: validation.rowCount },
      reason: 'the training command failed on the shuffled labels, or wrote no ONNX model to score',
      decideBy: 'an ONNX model trained on shuffled labels',
    });
  } else {
    // A proper scoring rule: with features clustered by class, an argmax of near-chance
    // probabilities can still look accurate; the log loss of chance-level probabilities cannot.
    const chanceMetric: MetricName = s.validation.task === 'regression' ? 'mse' : 'logLoss';
    const chance = baselineVerdict(s.validation, chanceMetric, { alpha: 0.05, bootstrap: DEFAULT_BOOTSTRAP });
    const leaks = chance.status === 'pass';
    verdicts.push({
      ...chance,
      status: leaks ? 'fail' : 'pass',
      check: 'diagnosis:label-shuffle',
      method: `train on labels shuffled across rows, then compare with a dummy model on validation (${chance.method})`,
      reason: leaks
        ? `a model trained on shuffled labels beats chance on validation (${chance.reason}): something leaks the label into the features`
        : `trained on shuffled labels, the model scores at chance on validation, as it should (${chance.reason})`,
    });
  }
  const last = learningCurve.at(-1);
  const before = learningCurve.at(-2);
  const gain =
    last?.validation != null && before?.validation != null ? last.validation - before.validation : null;
  verdicts.push({
    status: 'pass',
    check: 'diagnosis:learning-curve',
    kind: 'diagnosis',
    subject: metric,
    method: `validation ${metric} when training on ${FRACTIONS.map((f) => `${f * 100}%`).join(', ')} of the train split`,
    value: gain,
    threshold: null,
    sampleSizes: { train: train.rowCount },
    reason: learningCurve
      .map((p) => `${p.fraction * 100}%: ${p.validation === null ? 'n/a' : p.validation.toPrecision(4)}`)
      .join(', '),
  });
  return { metric, learningCurve, verdicts };
}
