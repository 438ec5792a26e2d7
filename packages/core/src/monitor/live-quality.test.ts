import { describe, expect, it } from 'vitest';
import { liveQuality } from './live-quality.js';
import type { JoinedRecord } from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';

const CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];

function joined(
  i: number,
  output: PredictionRecord['output'],
  feedback: Omit<FeedbackRecord, 'predictionId' | 'at'>,
  over: Partial<PredictionRecord> = {},
): JoinedRecord {
  const prediction: PredictionRecord = {
    id: `p${i}`,
    at: '2026-12-02T03:00:00.000Z',
    model: 'penguins',
    version: '1.0.0',
    role: 'primary',
    probe: false,
    inputs: {},
    output,
    latencyMs: 1,
    ...over,
  };
  return { prediction, feedback: { predictionId: prediction.id, at: prediction.at, ...feedback } };
}

const proba = (row: number[]) => Object.fromEntries(CLASSES.map((c, j) => [c, row[j]!]));

describe('liveQuality', () => {
  it('scores classification as scikit-learn does, with per-class counts and sample sizes', async () => {
    const yt = ['Adelie', 'Gentoo', 'Adelie', 'Chinstrap', 'Gentoo', 'Adelie'];
    const yp = ['Adelie', 'Gentoo', 'Gentoo', 'Adelie', 'Gentoo', 'Adelie'];
    const p = [
      [0.8, 0.1, 0.1],
      [0.1, 0.1, 0.8],
      [0.3, 0.1, 0.6],
      [0.5, 0.3, 0.2],
      [0.2, 0.2, 0.6],
      [0.9, 0.05, 0.05],
    ];
    const rows = yt.map((y, i) => joined(i, { label: yp[i]!, probabilities: proba(p[i]!) }, { label: y }));
    rows.push(joined(9, { label: 'Adelie' }, { label: 'Adelie' }, { probe: true })); // excluded
    const [q] = await liveQuality(rows);
    // scikit-learn 1.9.1: accuracy_score(yt, yp), log_loss(yt, p, labels=CLASSES)
    expect(q!.n).toBe(6);
    expect(q!.classification!.n).toBe(6);
    expect(q!.classification!.accuracy).toBeCloseTo(0.6666666666666666, 15);
    expect(q!.classification!.logLoss).toBeCloseTo(0.5784031417840182, 14);
    expect(q!.classification!.nWithProbabilities).toBe(6);
    expect(q!.classification!.classes).toEqual([
      { label: 'Adelie', support: 3, predicted: 3, correct: 2 },
      { label: 'Chinstrap', support: 1, predicted: 0, correct: 0 },
      { label: 'Gentoo', support: 2, predicted: 3, correct: 2 },
    ]);
  });

  it('scores regression (MAE, RMSE), ratings and interactions per model version and role', async () => {
    const vt = [3.0, -0.5, 2.0, 7.0];
    const vp = [2.5, 0.0, 2.0, 8.0];
    const rows = vt.map((v, i) => joined(i, { value: vp[i]! }, { value: v }, { model: 'houses' }));
    rows.push(joined(10, { value: 1 }, { rating: 4, interaction: 'used' }, { model: 'houses' }));
    rows.push(joined(11, { value: 1 }, { rating: 2, interaction: 'ignored' }, { model: 'houses' }));
    rows.push(joined(12, { value: 1 }, { value: 2 }, { model: 'houses', role: 'shadow', version: '2.0.0' }));
    const [primary, shadow] = await liveQuality(rows);
    // scikit-learn 1.9.1: mean_absolute_error, root_mean_squared_error
    expect(primary).toMatchObject({ model: 'houses', version: '1.0.0', role: 'primary', n: 6 });
    expect(primary!.regression!.n).toBe(4);
    expect(primary!.regression!.mae).toBeCloseTo(0.5, 15);
    expect(primary!.regression!.rmse).toBeCloseTo(0.6123724356957945, 15);
    expect(primary!.ratings).toEqual({ n: 2, mean: 3 });
    expect(primary!.interactions).toEqual({ n: 2, used: 1, usedRate: 0.5 });
    expect(primary!.classification).toBeUndefined();
    expect(shadow).toMatchObject({ version: '2.0.0', role: 'shadow', regression: { n: 1, mae: 1, rmse: 1 } });
  });

  it('gives no log loss when a true label is not among the classes of the probabilities', async () => {
    const rows = [
      joined(1, { label: 'Adelie', probabilities: proba([1, 0, 0]) }, { label: 'Adelie' }),
      joined(2, { label: 'Adelie', probabilities: proba([1, 0, 0]) }, { label: 'Emperor' }),
    ];
    const [q] = await liveQuality(rows);
    expect(q!.classification).toMatchObject({ n: 2, accuracy: 0.5, logLoss: null, nWithProbabilities: 2 });
  });

  it('reads an async iterable (a log) and returns nothing for no feedback', async () => {
    async function* none(): AsyncGenerator<JoinedRecord> {}
    expect(await liveQuality(none())).toEqual([]);
  });
});
