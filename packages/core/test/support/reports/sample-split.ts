import type { SplitResult } from '../../../src/split/index.js';
import type { Verdict } from '../../../src/verdict/index.js';
import { HOSTILE_VALUES } from './hostile.js';
import { columnDrift, driftResult, verdict } from './synthetic-results.js';

/** A stratified split of 500 rows with a drifting test split and three leaked rows. */
export function sampleSplit(): SplitResult {
  const verdicts: Verdict[] = [
    verdict({
      status: 'pass',
      check: 'split:stratification',
      kind: 'split',
      subject: 'species',
      method: 'largest deviation of a class count from its target (rows)',
      value: 0.6,
      threshold: 1,
      comparison: '<=',
      reason: 'every class within 0.60 row(s) of its target share',
    }),
    verdict({
      status: 'fail',
      check: 'split:leakage',
      kind: 'split',
      method: 'identical rows, shared keys, groups and ids across splits',
      value: 3,
      threshold: 0,
      comparison: '<=',
      reason: '3 identical rows between train and test',
      examples: [{ row: 17 }, { row: 230 }, { row: 411 }],
    }),
  ];
  const rep = (
    split: 'train' | 'validation' | 'test',
    drifted: boolean,
  ): SplitResult['representativeness'][number] => ({
    split,
    drift: driftResult(
      [
        columnDrift('age', {
          method: 'ks',
          status: 'pass',
          statistic: 0.05,
          pvalue: 0.6,
          pvalueAdjusted: 0.8,
          reason: 'same distribution',
        }),
        columnDrift('income', {
          method: 'ks',
          status: drifted ? 'fail' : 'pass',
          statistic: drifted ? 0.2 : 0.04,
          pvalue: drifted ? 0.001 : 0.7,
          pvalueAdjusted: drifted ? 0.002 : 0.8,
          reason: drifted ? 'differs' : 'same distribution',
        }),
      ],
      { source: 'rest', rows: 450 },
      { source: split, rows: 50 },
    ),
  });
  return {
    schemaVersion: 1,
    kind: 'vigie.split',
    source: 'penguins.csv',
    rows: 500,
    seed: 42,
    ratios: { train: 0.8, validation: 0.1, test: 0.1 },
    method: 'stratified-shuffle',
    label: 'species',
    key: null,
    group: null,
    splits: [
      { name: 'train', rows: 400, share: 0.8, membershipHash: 'a1'.repeat(32) },
      { name: 'validation', rows: 50, share: 0.1, membershipHash: 'b2'.repeat(32) },
      { name: 'test', rows: 50, share: 0.1, membershipHash: 'c3'.repeat(32) },
    ],
    stratification: {
      column: 'species',
      classes: [
        { value: 'adelie', total: 250, counts: { train: 200, validation: 25, test: 25 }, maxDeviation: 0 },
        { value: 'gentoo', total: 167, counts: { train: 134, validation: 16, test: 17 }, maxDeviation: 0.6 },
        {
          value: HOSTILE_VALUES[0],
          total: 83,
          counts: { train: 66, validation: 9, test: 8 },
          maxDeviation: 0.6,
        },
      ],
      maxDeviation: 0.6,
    },
    representativeness: [rep('train', false), rep('validation', false), rep('test', true)],
    leakage: [
      {
        kind: 'duplicate-rows',
        column: null,
        between: ['train', 'test'],
        rows: 3,
        examples: [{ row: 17 }, { row: 230 }, { row: 411 }],
      },
    ],
    verdicts,
  };
}
