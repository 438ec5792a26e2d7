import type { CheckSpec } from '../config-schema/index.js';
import type { Verdict } from '../verdict/index.js';
import type { CheckContext, CheckRunner } from './context.js';
import { runAllowedValues } from './kinds/allowed-values.js';
import { runCorrelation } from './kinds/correlation.js';
import { runDrift } from './kinds/drift.js';
import { runDuplicates, runUnique } from './kinds/duplicates.js';
import { runMissing, runNotNull } from './kinds/missing.js';
import { runOutliers } from './kinds/outliers.js';
import { runRange } from './kinds/range.js';
import { runRegex } from './kinds/regex.js';
import { runRequiredAnalyses } from './kinds/required-analyses.js';
import { runRowCount } from './kinds/row-count.js';
import { runTypeCheck } from './kinds/type-check.js';
import { runVif } from './kinds/vif.js';

const RUNNERS: { [K in CheckSpec['check']]: CheckRunner<K> } = {
  type: runTypeCheck,
  missing: runMissing,
  not_null: runNotNull,
  range: runRange,
  allowed_values: runAllowedValues,
  regex: runRegex,
  unique: runUnique,
  row_count: runRowCount,
  duplicates: runDuplicates,
  outliers: runOutliers,
  correlation: runCorrelation,
  vif: runVif,
  drift: runDrift,
  required_analyses: runRequiredAnalyses,
};

/**
 * Runs checks in order and returns their verdicts. `required_analyses` checks run last, so they see
 * every other verdict. Problems with the data are verdicts; a check naming a column the data lacks
 * is a configuration error and throws (COLUMN_NOT_FOUND).
 */
export async function runChecks(
  checks: readonly CheckSpec[],
  ctx: Omit<CheckContext, 'previous'>,
  onCheck?: (done: number, total: number) => void,
): Promise<Verdict[]> {
  const ordered = [
    ...checks.filter((c) => c.check !== 'required_analyses'),
    ...checks.filter((c) => c.check === 'required_analyses'),
  ];
  const verdicts: Verdict[] = [];
  for (const [i, spec] of ordered.entries()) {
    const runner = RUNNERS[spec.check] as CheckRunner<typeof spec.check>;
    verdicts.push(...(await runner(spec as never, { ...ctx, previous: verdicts })));
    onCheck?.(i + 1, ordered.length);
  }
  return verdicts;
}
