import type { MetricName } from '../config-schema/index.js';
import { VigieError } from '../errors/index.js';
import {
  delongRocAucTest,
  type Label,
  mcnemar,
  mcnemarRowsNeeded,
  pairedBootstrap,
  type RowsNeeded,
  rowsNeeded,
} from '../metrics/index.js';
import { norm } from '../stats/index.js';
import { type BootstrapSettings, DEFAULT_BOOTSTRAP } from './evaluate.js';
import { metricDef } from './metric-catalog.js';
import type { Prepared } from './prepare.js';

/** A candidate and a champion scored on the same rows, with a paired test. */
export interface Comparison {
  metric: MetricName;
  candidate: number | null;
  champion: number | null;
  /** candidate − champion. */
  difference: number | null;
  /** Of the difference, at 1 − alpha. */
  ci: [number, number] | null;
  /** How much better the candidate is, whatever the metric's direction (difference, or −difference for losses). */
  improvement: number | null;
  improvementCi: [number, number] | null;
  test: 'mcnemar' | 'delong' | 'paired-bootstrap';
  pvalue: number | null;
  n: number;
  /** Standard error of the difference (for rows-needed estimates). */
  se: number | null;
  higherIsBetter: boolean;
  /** McNemar's discordant rows: only the candidate right, only the champion right. */
  discordant?: { candidate: number; champion: number };
  error?: string;
}

export interface CompareOptions {
  alpha?: number;
  bootstrap?: BootstrapSettings;
}

/** The test a metric is compared with: McNemar for accuracy, DeLong for ROC AUC, paired bootstrap otherwise. */
export function testFor(metric: MetricName, p: Prepared): Comparison['test'] {
  if (metric === 'accuracy') return 'mcnemar';
  if (metric === 'rocAuc' && p.modelClasses.length === 2) return 'delong';
  return 'paired-bootstrap';
}

function sameRows(a: Prepared, b: Prepared): void {
  if (a.n !== b.n || a.rows.some((r, i) => r !== b.rows[i]))
    throw new VigieError('INVALID_ARGUMENT', 'candidate and champion were not scored on the same rows');
}

/**
 * Compares candidate and champion on one metric, on the same rows. McNemar's exact test for
 * accuracy (its interval: the Wald interval of the paired difference in proportions), DeLong's
 * test for a binary ROC AUC, a paired bootstrap (same resampled rows for both) for anything else.
 */
export function compareOn(
  metric: MetricName,
  candidate: Prepared,
  champion: Prepared,
  options: CompareOptions = {},
): Comparison {
  sameRows(candidate, champion);
  const alpha = options.alpha ?? 0.05;
  const def = metricDef(metric);
  const test = testFor(metric, candidate);
  const base = { metric, test, n: candidate.n, higherIsBetter: def.higherIsBetter };
  const orient = (d: number) => (def.higherIsBetter ? d : -d);
  const fail = (error: string): Comparison => ({
    ...base,
    candidate: null,
    champion: null,
    difference: null,
    ci: null,
    improvement: null,
    improvementCi: null,
    pvalue: null,
    se: null,
    error,
  });
  const callA = def.call(candidate);
  const callB = def.call(champion);
  if ('skip' in callA) return fail(`candidate: ${callA.skip}`);
  if ('skip' in callB) return fail(`champion: ${callB.skip}`);
  try {
    const z = norm.isf(alpha / 2);
    let difference: number;
    let ci: [number, number];
    let pvalue: number;
    let se: number;
    let values: [number, number];
    let discordant: Comparison['discordant'];
    if (test === 'mcnemar') {
      const m = mcnemar(candidate.yTrue as Label[], candidate.yPred!, champion.yPred!);
      const n = m.n;
      values = [(m.table[0][0] + m.onlyA) / n, (m.table[0][0] + m.onlyB) / n];
      difference = (m.onlyA - m.onlyB) / n;
      se = Math.sqrt(Math.max(0, m.onlyA + m.onlyB - (m.onlyA - m.onlyB) ** 2 / n)) / n;
      ci = [difference - z * se, difference + z * se];
      pvalue = m.pvalue;
      discordant = { candidate: m.onlyA, champion: m.onlyB };
    } else if (test === 'delong') {
      if (
        champion.modelClasses.length !== 2 ||
        String(champion.modelClasses[1]) !== String(candidate.modelClasses[1])
      )
        return fail('candidate and champion do not have the same positive class');
      const d = delongRocAucTest(
        callA.yTrue as Label[] as never,
        callA.yPred as Float64Array,
        callB.yPred as Float64Array,
        {
          confidenceLevel: 1 - alpha,
        },
      );
      values = [d.aucA, d.aucB];
      difference = d.difference;
      ci = d.ci;
      pvalue = d.pvalue;
      se = d.se;
    } else {
      const b = options.bootstrap ?? DEFAULT_BOOTSTRAP;
      const r = pairedBootstrap(callA.metric, callA.yTrue, callA.yPred, callB.yPred, {
        nResamples: b.resamples,
        confidenceLevel: 1 - alpha,
        seed: b.seed,
        ...(callA.options ? { metricOptions: callA.options } : {}),
      });
      values = [r.valueA, r.valueB];
      difference = r.difference;
      ci = r.ci;
      pvalue = r.pvalue;
      se = (r.ci[1] - r.ci[0]) / (2 * z);
    }
    const improvementCi: [number, number] = def.higherIsBetter ? ci : [-ci[1], -ci[0]];
    return {
      ...base,
      candidate: values[0],
      champion: values[1],
      difference,
      ci,
      improvement: orient(difference),
      improvementCi,
      pvalue,
      se,
      ...(discordant ? { discordant } : {}),
    };
  } catch (error) {
    if (error instanceof VigieError) return fail(error.message);
    throw error;
  }
}

/** Rows needed for the comparison's test to detect `target` (an improvement), at the power. */
export function rowsToDecide(c: Comparison, target: number, alpha: number, power: number): RowsNeeded | null {
  if (c.improvement === null || c.se === null) return null;
  const gap = c.improvement - target;
  if (c.test === 'mcnemar' && c.discordant && target === 0)
    return mcnemarRowsNeeded({
      n: c.n,
      onlyA: c.discordant.candidate,
      onlyB: c.discordant.champion,
      alpha,
      power,
    });
  if (gap === 0 || c.se === 0)
    return { totalRows: Number.POSITIVE_INFINITY, additionalRows: Number.POSITIVE_INFINITY };
  return rowsNeeded({ n: c.n, se: c.se, difference: gap, alpha, power });
}
