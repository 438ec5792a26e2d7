import type { ColumnDrift } from '../../../src/drift/index.js';
import type { ColumnProfile } from '../../../src/profile/index.js';
import { createRandom } from '../../../src/random/index.js';
import type { Report } from '../../../src/report/model.js';
import type { Verdict } from '../../../src/verdict/index.js';
import { HOSTILE_NAME, HOSTILE_REASON, HOSTILE_VALUES } from './hostile.js';
import { sampleSplit } from './sample-split.js';
import {
  syntheticBoolean,
  syntheticCategorical,
  syntheticNumeric,
  syntheticProfile,
} from './synthetic-profile.js';
import { categories, columnDrift, driftResult, normals, report, verdict } from './synthetic-results.js';

function profiles(seed: number, current: boolean): ColumnProfile[] {
  const rng = createRandom(seed);
  const n = current ? 480 : 500;
  const day = 86_400_000;
  const t0 = Date.UTC(2024, 0, 1);
  return [
    syntheticNumeric('age', normals(rng, n, 41, 12, 0.02), { type: 'integer' }),
    syntheticNumeric(
      'income',
      normals(rng, n, current ? 11.2 : 10.9, 0.5).map((x) => Math.round(Math.exp(x))),
    ),
    syntheticNumeric(
      'score',
      normals(rng, n, 3, 1).map((x) => Math.min(5, Math.max(1, Math.round(x)))),
      { type: 'integer' },
    ),
    syntheticNumeric(
      'signup',
      Array.from({ length: n }, () => t0 + Math.floor(rng.float() * 120) * day),
      { type: 'datetime' },
    ),
    syntheticCategorical(
      'species',
      categories(
        rng,
        n,
        current ? { adelie: 3, gentoo: 2, chinstrap: 1, emperor: 1 } : { adelie: 3, gentoo: 2, chinstrap: 1 },
      ),
      4,
    ),
    syntheticCategorical(
      HOSTILE_NAME,
      categories(rng, n, { [HOSTILE_VALUES[0]]: 5, [HOSTILE_VALUES[1]]: 3, [HOSTILE_VALUES[2]]: 1 }),
    ),
    syntheticBoolean('is_member', current ? 300 : 280, current ? 170 : 215, current ? 10 : 5),
  ];
}

/**
 * A small but complete report (check command): verdicts of every status, a profile with numeric,
 * integer, datetime, categorical and boolean columns, a drift comparison carrying both profiles,
 * a correlation matrix, a split with per-split checks, and repairs. One column, some values and a
 * reason are hostile markup, to test escaping.
 */
export function sampleReport(): Report {
  const reference = syntheticProfile('reference.csv', 500, profiles(1, false), 'f'.repeat(64));
  const current = syntheticProfile(
    'penguins.csv',
    480,
    profiles(2, true),
    '9e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85',
  );
  const driftColumns: ColumnDrift[] = [
    columnDrift('age', {
      type: 'integer',
      method: 'ks',
      status: 'pass',
      statistic: 0.041,
      pvalue: 0.77,
      pvalueAdjusted: 0.77,
      reason: 'no significant difference (adjusted p 0.77 ≥ 0.05)',
      alongside: { psi: 0.012, wassersteinNormalized: 0.03 },
    }),
    columnDrift('income', {
      method: 'ks',
      status: 'fail',
      statistic: 0.31,
      pvalue: 2.2e-31,
      pvalueAdjusted: 1.1e-30,
      reason: 'distributions differ (adjusted p 1.1e-30 < 0.05)',
      alongside: { psi: 0.41, wassersteinNormalized: 0.62 },
    }),
    columnDrift('score', {
      type: 'integer',
      kind: 'categorical',
      method: 'chisquare',
      status: 'pass',
      statistic: 2.1,
      pvalue: 0.72,
      pvalueAdjusted: 0.77,
      reason: 'no significant difference',
    }),
    columnDrift('signup', {
      type: 'datetime',
      method: 'wasserstein',
      status: 'inconclusive',
      threshold: 0.1,
      reason: 'too few values to compare (12 < 30 on the current side)',
      referenceSize: 500,
      currentSize: 12,
    }),
    columnDrift('species', {
      type: 'categorical',
      kind: 'categorical',
      method: 'chisquare',
      status: 'fail',
      statistic: 88.4,
      pvalue: 3e-19,
      pvalueAdjusted: 1e-18,
      reason: 'category shares differ',
      newCategories: ['emperor'],
    }),
    columnDrift(HOSTILE_NAME, {
      type: 'categorical',
      kind: 'categorical',
      method: 'jensenshannon',
      status: 'pass',
      statistic: 0.02,
      threshold: 0.1,
      reason: HOSTILE_REASON,
      exact: false,
    }),
    columnDrift('is_member', {
      type: 'boolean',
      kind: 'categorical',
      method: 'chisquare',
      status: 'warn',
      statistic: 4.4,
      pvalue: 0.036,
      pvalueAdjusted: 0.06,
      reason: 'borderline difference',
    }),
  ];
  const drift = driftResult(
    driftColumns,
    { source: 'reference.csv', rows: 500 },
    { source: 'penguins.csv', rows: 480 },
  );
  const split = sampleSplit();
  const verdicts: Verdict[] = [
    verdict({
      status: 'fail',
      check: 'range:age',
      subject: 'age',
      method: 'share of rows outside [18, 90]',
      value: 0.034,
      threshold: 0.01,
      comparison: '<=',
      sampleSizes: { n: 470 },
      reason: '16 of 470 values outside [18, 90]',
      examples: [
        { row: 12, value: 7 },
        { row: 88, value: 131 },
        { row: 301, value: -2 },
      ],
      effectSize: { name: 'share outside', value: 0.034, ci: [0.021, 0.055], confidenceLevel: 0.95 },
    }),
    verdict({
      status: 'warn',
      check: 'missing:income',
      subject: 'income',
      method: 'share of missing values',
      value: 0.062,
      threshold: 0.05,
      comparison: '<=',
      reason: '30 of 480 values are missing',
      details: { pvalue: 0.12, nested: { ignored: true } },
    }),
    verdict({
      status: 'inconclusive',
      check: 'drift:signup',
      kind: 'drift',
      subject: 'signup',
      method: 'wasserstein',
      threshold: 0.1,
      comparison: '<',
      sampleSizes: { reference: 500, current: 12 },
      reason: 'too few values to compare',
      decideBy: 'at least 30 non-missing values on each side',
    }),
    verdict({
      status: 'fail',
      check: 'drift:income',
      kind: 'drift',
      subject: 'income',
      method: 'ks',
      value: 1.1e-30,
      threshold: 0.05,
      comparison: '>=',
      sampleSizes: { reference: 500, current: 480 },
      reason: 'distributions differ (adjusted p 1.1e-30 < 0.05)',
      details: { drift },
    }),
    verdict({
      status: 'pass',
      check: 'type:species',
      subject: 'species',
      method: 'share of values not of type categorical',
      value: 0,
      threshold: 0,
      comparison: '<=',
      reason: 'every value is categorical',
    }),
    verdict({
      status: 'warn',
      check: `unique:${HOSTILE_NAME}`,
      subject: HOSTILE_NAME,
      method: 'share of duplicated values',
      value: 0.2,
      threshold: 0.1,
      comparison: '<=',
      reason: HOSTILE_REASON,
      examples: HOSTILE_VALUES.map((value, i) => ({ row: i + 1, value })),
    }),
    ...split.verdicts,
  ];
  const corrColumns = ['age', 'income', 'score', 'signup'];
  const matrix = [
    1,
    0.42,
    -0.31,
    0.05,
    0.42,
    1,
    -0.12,
    Number.NaN,
    -0.31,
    -0.12,
    1,
    0.88,
    0.05,
    Number.NaN,
    0.88,
    1,
  ];
  const splitChecks = (['train', 'validation', 'test'] as const).map((s, i) => ({
    split: s,
    rows: split.splits[i]!.rows,
    verdicts: [
      verdict({
        status: 'pass',
        check: 'range:age',
        subject: 'age',
        method: 'share of rows outside [18, 90]',
        value: 0,
        threshold: 0.01,
        comparison: '<=',
        reason: 'every value within [18, 90]',
      }),
      verdict({
        status: s === 'test' ? 'warn' : 'pass',
        check: 'missing:income',
        subject: 'income',
        method: 'share of missing values',
        value: s === 'test' ? 0.08 : 0.02,
        threshold: 0.05,
        comparison: '<=',
        reason: s === 'test' ? '4 of 50 values are missing' : 'few values missing',
      }),
    ],
  }));
  return report({
    command: 'check',
    title: 'Checks of penguins.csv',
    createdAt: '2024-05-06T07:08:09.000Z',
    vigieVersion: '0.1.0',
    verdicts,
    dataset: {
      source: 'penguins.csv',
      rows: 480,
      columns: current.columns.length,
      contentHash: current.contentHash,
    },
    profile: current,
    drift: [{ name: 'drift', result: drift, reference, current }],
    correlation: { method: 'pearson', columns: corrColumns, matrix },
    split,
    splitChecks,
    repair: {
      output: 'penguins.repaired.csv',
      transformations: [
        {
          name: 'exclude:age:out_of_range',
          action: 'exclude',
          column: 'age',
          parameters: { range: [0, 120] },
          rowsIn: 500,
          rowsOut: 480,
          affected: 20,
        },
        {
          name: 'impute:income',
          action: 'impute',
          column: 'income',
          parameters: { strategy: 'median', value: 54_210 },
          rowsIn: 480,
          rowsOut: 480,
          affected: 30,
        },
      ],
    },
  });
}

/**
 * Edge cases a renderer must survive: a column with every value missing, a constant one, one
 * with infinities, an empty categorical, a boolean without values, a drift row for a column the
 * profiles do not hold, and a correlation with an undefined coefficient.
 */
export function degenerateReport(): Report {
  const inf = Number.POSITIVE_INFINITY;
  const columns: ColumnProfile[] = [
    syntheticNumeric('gone', [Number.NaN, Number.NaN]),
    syntheticNumeric('flat', [5, 5, 5]),
    syntheticNumeric('wild', [1, inf, -inf, 2]),
    syntheticNumeric('when', [Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 1, 13)], { type: 'datetime' }),
    syntheticCategorical('nothing', {}, 3),
    syntheticBoolean('unset', 0, 0, 3),
  ];
  const profile = syntheticProfile(null, 3, columns);
  const drift = driftResult(
    [
      columnDrift('flat', { method: 'ks', status: 'inconclusive', reason: 'too few values' }),
      columnDrift('nothing', {
        kind: 'categorical',
        method: 'chisquare',
        status: 'inconclusive',
        reason: 'too few values',
      }),
      columnDrift('elsewhere', { method: 'psi', status: 'pass', statistic: 0, reason: 'same' }),
      columnDrift('when', {
        type: 'datetime',
        method: 'ks',
        status: 'inconclusive',
        reason: 'too few values',
      }),
      columnDrift('unset', {
        kind: 'categorical',
        method: 'chisquare',
        status: 'inconclusive',
        reason: 'too few values',
      }),
      columnDrift('gone', { method: 'ks', status: 'inconclusive', reason: 'every value is missing' }),
    ],
    { source: 'a', rows: 3 },
    { source: 'b', rows: 3 },
  );
  return report({
    command: 'profile',
    title: 'Edge cases',
    createdAt: '2024-05-06T07:08:09.000Z',
    vigieVersion: '0.1.0',
    verdicts: [
      verdict({ status: 'inconclusive', check: 'range:gone', reason: 'no values', decideBy: 'some values' }),
    ],
    dataset: { source: null, rows: 3, columns: columns.length, contentHash: '' },
    profile,
    drift: [{ name: 'drift', result: drift, reference: profile, current: profile }],
    correlation: { method: 'pearson', columns: ['flat', 'gone'], matrix: [1, Number.NaN, Number.NaN, 1] },
  });
}
