import type { MetricName } from '@vigie/core/config';
import { higherIsBetter as better, pointMetrics } from '@vigie/core/evaluation';
import { openModel } from '@vigie/core/models';
import { type DuckDb, readTable } from '@vigie/core/table';
import { scoreTable } from '../evaluation/score-model.js';
import type { TrialReport } from './run-trial.js';

export type SplitScores = Partial<Record<'train' | 'validation', Record<string, number>>>;

export function higherIsBetter(metric: MetricName): boolean {
  return better(metric);
}

/**
 * The metrics of a trained model on the train and validation splits: measured by Vigie when the
 * model is ONNX (the command's own numbers are not trusted for choosing), else as the command
 * reported them in result.json.
 */
export async function scoreModel(
  db: DuckDb,
  modelPath: string,
  files: { train: string; validation: string },
  label: string,
  report: TrialReport,
): Promise<SplitScores> {
  if (!modelPath.toLowerCase().endsWith('.onnx')) {
    const reported = report.metrics ?? {};
    return {
      ...(reported.train ? { train: reported.train } : {}),
      ...(reported.validation ? { validation: reported.validation } : {}),
    };
  }
  await using model = await openModel(modelPath);
  const out: SplitScores = {};
  for (const split of ['train', 'validation'] as const) {
    const table = await readTable(db, files[split], {});
    out[split] = pointMetrics(await scoreTable(model, table, label)) as Record<string, number>;
  }
  return out;
}
