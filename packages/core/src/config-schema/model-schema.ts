import { z } from 'zod';

/** Metric names as `vigie evaluate` reports them (scikit-learn's definitions, see docs/evaluation.md). */
export const CLASSIFICATION_METRICS = [
  'accuracy',
  'balancedAccuracy',
  'precision',
  'recall',
  'f1',
  'precisionMacro',
  'recallMacro',
  'f1Macro',
  'f1Weighted',
  'rocAuc',
  'averagePrecision',
  'logLoss',
  'brier',
  'ece',
] as const;
export const REGRESSION_METRICS = ['mse', 'rmse', 'mae', 'r2', 'mape', 'medae'] as const;
export const METRIC_NAMES = [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

const metricName = z.enum(METRIC_NAMES);
const columnName = z.string().min(1);
const modelName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'letters, digits, ".", "_" and "-", starting with a letter or digit',
  );
const paramRange = z.union([
  z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1),
  z.object({ uniform: z.tuple([z.number(), z.number()]) }).strict(),
  z.object({ loguniform: z.tuple([z.number().positive(), z.number().positive()]) }).strict(),
  z.object({ int: z.tuple([z.number().int(), z.number().int()]) }).strict(),
]);

export const trainingConfig = z
  .object({
    command: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The training command (any language). It reads the split files and parameters Vigie passes and writes a model file; see docs/evaluation.md.',
      ),
    trainer: z
      .enum(['logistic', 'linear', 'gbdt'])
      .optional()
      .describe('A built-in learner instead of a command (no Python needed); see docs/learners.md.'),
    model: modelName.describe('The registry name of the model it trains.'),
    features: z
      .array(columnName)
      .min(1)
      .optional()
      .describe(
        'Built-in learners: the columns to learn from (default: every column but the label, ids, text and dates).',
      ),
    type: z
      .string()
      .optional()
      .describe('Model type recorded with each version, e.g. "sklearn.LogisticRegression".'),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .optional()
      .describe('Fixed hyperparameters.'),
    search: z
      .object({
        method: z.enum(['grid', 'random']),
        space: z
          .record(z.string(), paramRange)
          .describe('Per parameter: a list of values, or {uniform|loguniform|int: [lo, hi]}.'),
        trials: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Random search: how many trials (default 20).'),
        metric: metricName.describe('Chosen on the validation split only.'),
        seed: z.number().int().default(0),
      })
      .strict()
      .optional(),
    timeout_seconds: z.number().positive().optional(),
  })
  .strict()
  .refine(
    (t) => (t.command === undefined) !== (t.trainer === undefined),
    'give either "command" or "trainer"',
  );

export const evaluationConfig = z
  .object({
    metrics: z.array(metricName).optional().describe('Metrics to report (default: by task).'),
    slices: z.array(columnName).optional().describe('Report every metric per value of these columns.'),
    min_slice_rows: z.number().int().positive().default(30),
    bootstrap: z
      .object({
        resamples: z.number().int().positive().default(1000),
        confidence: z.number().gt(0).lt(1).default(0.95),
        seed: z.number().int().default(0),
      })
      .strict()
      .default({ resamples: 1000, confidence: 0.95, seed: 0 }),
  })
  .strict();

const gateBase = {
  name: z.string().optional(),
  metric: metricName,
  split: z.string().default('test').describe('The split the gate is measured on.'),
};

const absoluteGate = z
  .object({ ...gateBase, min: z.number().optional(), max: z.number().optional() })
  .strict()
  .refine((g) => g.min !== undefined || g.max !== undefined, 'an absolute gate needs "min" or "max"')
  .describe('Absolute threshold on the candidate.');

const comparisonGate = z
  .object({
    ...gateBase,
    against: z
      .string()
      .default('champion')
      .describe('The alias (or version) of the same model it is compared with.'),
    min_improvement: z
      .number()
      .optional()
      .describe('Candidate − champion must exceed this (absolute), significantly.'),
    min_relative_improvement: z
      .number()
      .optional()
      .describe('(Candidate − champion) / champion must exceed this.'),
    max_regression: z
      .number()
      .min(0)
      .optional()
      .describe('Candidate may be worse than the champion by at most this (non-inferiority).'),
    max_slice_regression: z
      .number()
      .min(0)
      .optional()
      .describe('No slice may be worse than the champion by more than this.'),
    slices: z.array(columnName).optional(),
  })
  .strict()
  .refine(
    (g) =>
      [g.min_improvement, g.min_relative_improvement, g.max_regression, g.max_slice_regression].filter(
        (x) => x !== undefined,
      ).length === 1,
    'a comparison gate needs exactly one of min_improvement, min_relative_improvement, max_regression, max_slice_regression',
  )
  .describe('Comparison with the champion on the same rows, with a paired test.');

export const gateRule = z.union([absoluteGate, comparisonGate]);

export const gatesConfig = z
  .object({
    alpha: z.number().gt(0).lt(1).default(0.05).describe('Significance level of the paired tests.'),
    power: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.8)
      .describe('Power used to say how many more rows would decide an inconclusive gate.'),
    rules: z.array(gateRule).min(1),
  })
  .strict();

export type TrainingConfig = z.infer<typeof trainingConfig>;
export type EvaluationConfig = z.infer<typeof evaluationConfig>;
export type GateRule = z.infer<typeof gateRule>;
export type AbsoluteGate = z.infer<typeof absoluteGate>;
export type ComparisonGate = z.infer<typeof comparisonGate>;

export function isComparisonGate(rule: GateRule): rule is ComparisonGate {
  return 'against' in rule;
}
export type GatesConfig = z.infer<typeof gatesConfig>;
