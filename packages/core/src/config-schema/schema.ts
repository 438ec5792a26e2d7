import { z } from 'zod';
import { evaluationConfig, gatesConfig, trainingConfig } from './model-schema.js';

/**
 * The `vigie.yaml` schema: one zod schema, the single source of truth. The JSON Schema for
 * editors (schemas/vigie.schema.json) is generated from it by `npm run schema`.
 * Keys are snake_case, as in most YAML configs.
 */

const semanticType = z.enum(['numeric', 'integer', 'boolean', 'categorical', 'datetime', 'text', 'id']);
const severity = z
  .enum(['fail', 'warn'])
  .default('fail')
  .describe('What a violation yields: fail (default) or warn.');
const share = z.number().min(0).max(1);
const columnName = z.string().min(1);
const driftMethod = z.enum(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare']);
const outlierMethod = z.enum(['zscore', 'robust_zscore', 'iqr', 'isolation_forest']);

const dataSource = z.union([
  z.string().min(1).describe('Path or URL of a CSV, Parquet or JSON Lines file.'),
  z
    .object({
      path: z.string().min(1).describe('Path or URL of the file.'),
      format: z.enum(['csv', 'parquet', 'json']).optional().describe('Default: from the file extension.'),
      delimiter: z
        .string()
        .length(1)
        .optional()
        .describe('CSV delimiter. Default: detected from the header.'),
      encoding: z.enum(['utf-8', 'latin-1', 'utf-16']).optional(),
      null_values: z
        .array(z.string())
        .optional()
        .describe("CSV cells read as missing. Default: '', NA, N/A, NULL, NaN, None..."),
    })
    .strict(),
]);

const base = {
  name: z
    .string()
    .min(1)
    .optional()
    .describe('Identifier shown in reports; derived from the check when absent.'),
  severity,
};

const oneOrMoreColumns = {
  column: columnName.optional(),
  columns: z.array(columnName).min(1).optional(),
};

const typeCheck = z
  .object({ check: z.literal('type'), ...base, column: columnName, expected: semanticType })
  .strict()
  .describe('The column has the expected semantic type.');

const missingCheck = z
  .object({
    check: z.literal('missing'),
    ...base,
    ...oneOrMoreColumns,
    max_share: share.default(0).describe('Largest allowed share of missing values (0 = not null).'),
  })
  .strict()
  .describe('Share of missing values at most max_share (not-null when 0).');

const notNullCheck = z
  .object({ check: z.literal('not_null'), ...base, ...oneOrMoreColumns })
  .strict()
  .describe('No missing values.');

const rangeCheck = z
  .object({
    check: z.literal('range'),
    ...base,
    ...oneOrMoreColumns,
    min: z.number().optional(),
    max: z.number().optional(),
    max_share_outside: share.default(0).describe('Share of values allowed outside [min, max].'),
  })
  .strict()
  .describe('Values within [min, max] (missing values are not counted).');

const allowedValuesCheck = z
  .object({
    check: z.literal('allowed_values'),
    ...base,
    column: columnName,
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    max_share_outside: share.default(0),
  })
  .strict()
  .describe('Every non-missing value is one of `values`.');

const regexCheck = z
  .object({
    check: z.literal('regex'),
    ...base,
    column: columnName,
    pattern: z
      .string()
      .min(1)
      .describe('JavaScript regular expression; must match the whole value unless anchored otherwise.'),
    max_share_outside: share.default(0),
  })
  .strict()
  .describe('Every non-missing value matches the pattern.');

const uniqueCheck = z
  .object({
    check: z.literal('unique'),
    ...base,
    ...oneOrMoreColumns,
  })
  .strict()
  .describe('Values (or the combination of columns) are unique.');

const rowCountCheck = z
  .object({
    check: z.literal('row_count'),
    ...base,
    min: z.number().int().min(0).optional(),
    max: z.number().int().optional(),
  })
  .strict()
  .describe('Row count within [min, max].');

const duplicatesCheck = z
  .object({
    check: z.literal('duplicates'),
    ...base,
    max_share: share.default(0),
    columns: z.array(columnName).optional(),
  })
  .strict()
  .describe('Share of duplicate rows (considering `columns`, default all) at most max_share.');

const outliersCheck = z
  .object({
    check: z.literal('outliers'),
    ...base,
    ...oneOrMoreColumns,
    method: outlierMethod.default('robust_zscore'),
    threshold: z
      .number()
      .positive()
      .optional()
      .describe(
        'z: default 3; robust z: 3.5; IQR fence multiplier: 1.5; Isolation Forest: the expected share of outliers (contamination; default scikit-learn\'s "auto" offset).',
      ),
    max_share: share.default(0.01),
    seed: z.number().int().optional(),
  })
  .strict()
  .describe('Share of outliers at most max_share. Isolation Forest looks at the columns jointly.');

const correlationCheck = z
  .object({
    check: z.literal('correlation'),
    ...base,
    columns: z
      .array(columnName)
      .min(1)
      .optional()
      .describe('Default: all numeric columns (at least two without a target).'),
    method: z.enum(['pearson', 'spearman']).default('pearson'),
    max_abs: z.number().min(0).max(1).default(0.95),
    target: columnName
      .optional()
      .describe('When set, checks each column against the target instead of pairs.'),
    min_abs: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('With target: the least correlation a feature must have.'),
  })
  .strict()
  .describe('No pair of columns correlated beyond max_abs (redundant features).');

const vifCheck = z
  .object({
    check: z.literal('vif'),
    ...base,
    columns: z.array(columnName).min(2).optional().describe('Default: all numeric columns.'),
    max: z.number().positive().default(10),
  })
  .strict()
  .describe('Variance inflation factor of each column at most max (multicollinearity).');

const driftColumnOverride = z
  .object({
    method: driftMethod.optional(),
    threshold: z.number().optional(),
    ignore: z.boolean().optional(),
  })
  .strict();

const driftCheck = z
  .object({
    check: z.literal('drift'),
    ...base,
    reference: z
      .union([dataSource, z.object({ profile: z.string().min(1) }).strict()])
      .describe('Reference dataset, or a saved profile ({ profile: path }).'),
    columns: z.array(columnName).optional().describe('Default: every column except ids and text.'),
    method: driftMethod.default('auto'),
    threshold: z.number().optional().describe("Overrides the method's default threshold."),
    correction: z.enum(['fdr_bh', 'holm', 'bonferroni', 'none']).default('fdr_bh'),
    max_drifted_share: share
      .default(0.5)
      .describe('Dataset drift when at least this share of columns drifted.'),
    per_column: z.record(z.string(), driftColumnOverride).optional(),
  })
  .strict()
  .describe('Distribution drift against a reference dataset or profile.');

const requiredAnalysesCheck = z
  .object({
    check: z.literal('required_analyses'),
    ...base,
    analyses: z
      .array(z.enum(['profile', 'checks', 'drift', 'split']))
      .min(1)
      .describe('Analyses that must be present: produced by this run, or attached as files below.'),
    profile: z
      .string()
      .optional()
      .describe('A saved profile of this very data (its content hash must match).'),
  })
  .strict()
  .describe('"Check that it was done": the required analyses exist for this data.');

export const checkSchema = z.discriminatedUnion('check', [
  typeCheck,
  missingCheck,
  notNullCheck,
  rangeCheck,
  allowedValuesCheck,
  regexCheck,
  uniqueCheck,
  rowCountCheck,
  duplicatesCheck,
  outliersCheck,
  correlationCheck,
  vifCheck,
  driftCheck,
  requiredAnalysesCheck,
]);

const condition = z.union([
  z.object({ column: columnName, is_missing: z.literal(true) }).strict(),
  z
    .object({
      column: columnName,
      outside: z.object({ min: z.number().optional(), max: z.number().optional() }).strict(),
    })
    .strict(),
  z
    .object({ column: columnName, not_in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) })
    .strict(),
  z.object({ column: columnName, not_matching: z.string().min(1) }).strict(),
  z
    .object({
      column: columnName,
      outlier: z
        .object({
          method: outlierMethod.exclude(['isolation_forest']),
          threshold: z.number().positive().optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ duplicate: z.literal(true) }).strict(),
]);

const repairRule = z.discriminatedUnion('action', [
  z.object({ action: z.literal('exclude'), name: z.string().optional(), when: condition }).strict(),
  z
    .object({
      action: z.literal('impute'),
      name: z.string().optional(),
      column: columnName,
      strategy: z.enum(['median', 'mean', 'mode', 'constant']),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('clip'),
      name: z.string().optional(),
      column: columnName,
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict(),
]);

const splitConfig = z
  .object({
    ratios: z
      .object({ train: share, validation: share, test: share })
      .strict()
      .default({ train: 0.8, validation: 0.1, test: 0.1 }),
    label: columnName.optional().describe('Stratify by this column.'),
    key: columnName
      .optional()
      .describe('Row key: its hash decides membership, so rows keep their split when data is appended.'),
    group: columnName.optional().describe('Entity column: all rows of a group land in the same split.'),
    seed: z.number().int().default(42),
    output: z.string().optional().describe('Folder where the split files are written.'),
    format: z.enum(['csv', 'parquet']).default('csv'),
  })
  .strict();

const registryConfig = z
  .object({
    dataset: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
        'letters, digits, ".", "_" and "-", starting with a letter or digit',
      )
      .optional()
      .describe('Name under which `vigie check --register` records the checked (repaired) data.'),
    description: z.string().optional(),
    sources: z
      .array(
        z
          .object({
            uri: z
              .string()
              .min(1)
              .describe('Where the data came from: a URL, or a file path relative to this file.'),
            path: z
              .string()
              .optional()
              .describe(
                'A local copy of it (relative to this file), whose SHA-256 is recorded as the content hash.',
              ),
            owner: z.string().optional(),
            licence: z.string().optional(),
            personal_data: z
              .boolean()
              .default(false)
              .describe('Whether it holds personal data (GDPR impact).'),
            retrieved_at: z.string().optional().describe('When it was retrieved (ISO 8601).'),
          })
          .strict(),
      )
      .optional()
      .describe('The origins of the data (default: the data file itself).'),
    readiness: z
      .object({
        dataset: z
          .array(z.string())
          .default(['profile', 'checks', 'split'])
          .describe('Analyses a dataset version needs, passed, before `vigie dataset ready`.'),
        model: z
          .object({
            splits: z
              .array(z.string())
              .default(['validation', 'test'])
              .describe('Splits a model version needs metrics on before any alias moves to it.'),
            gates: z.boolean().default(true).describe('Whether a passed gate run is needed too.'),
          })
          .strict()
          .default({ splits: ['validation', 'test'], gates: true }),
      })
      .strict()
      .optional()
      .describe('"Check that it was done": what the registry requires before readiness and promotion.'),
  })
  .strict();

export const configSchema = z
  .object({
    version: z.literal(1).default(1),
    data: dataSource.describe('The dataset to check.'),
    columns: z
      .record(
        z.string(),
        z.object({ type: semanticType.optional(), description: z.string().optional() }).strict(),
      )
      .optional()
      .describe('Per-column settings; `type` overrides inference.'),
    label: columnName.optional().describe('The target column.'),
    checks: z.array(checkSchema).default([]),
    repair: z
      .object({
        output: z.string().min(1).describe('Where the repaired data is written.'),
        rules: z.array(repairRule).min(1),
      })
      .strict()
      .optional(),
    split: splitConfig.optional(),
    registry: registryConfig.optional().describe('Registering the checked data, and the readiness rules.'),
    training: trainingConfig.optional().describe('How `vigie train` trains a model on the split.'),
    evaluation: evaluationConfig.optional().describe('What `vigie evaluate` reports.'),
    gates: gatesConfig.optional().describe('The promotion gates `vigie evaluate` and `vigie compare` apply.'),
    reports: z
      .object({ html: z.string().optional(), json: z.string().optional(), junit: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type VigieConfig = z.infer<typeof configSchema>;
export type CheckSpec = z.infer<typeof checkSchema>;
export type RepairRule = z.infer<typeof repairRule>;
export type RepairCondition = z.infer<typeof condition>;
export type SplitConfig = z.infer<typeof splitConfig>;
export type DataSourceSpec = z.infer<typeof dataSource>;
export type DriftMethodName = z.infer<typeof driftMethod>;
export type OutlierMethodName = z.infer<typeof outlierMethod>;
export type RegistryConfig = z.infer<typeof registryConfig>;
