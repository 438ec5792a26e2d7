import { bootstrapInterval } from '../../stats/index.js';
import { checkLengths, invalid } from '../validate.js';
import { metricKernel } from './kernels.js';
import { bootstrapDistribution, checkOptions } from './metric-interval.js';
import type { Metric, Rows } from './rows.js';

export interface PairedBootstrapOptions {
  /** Default 1000. */
  nResamples?: number;
  /** Default 0.95. */
  confidenceLevel?: number;
  /** 'percentile' (default) or 'bca'. */
  method?: 'percentile' | 'bca';
  /** Default 0. */
  seed?: number;
  // biome-ignore lint/suspicious/noExplicitAny: options differ per metric
  metricOptions?: Record<string, any>;
}

export interface PairedBootstrapResult {
  valueA: number;
  valueB: number;
  /** metric(A) − metric(B) on all rows. */
  difference: number;
  /** Interval of the difference. */
  ci: [number, number];
  /** Two-sided: min(1, 2·min(1 + #{δ* ≤ 0}, 1 + #{δ* ≥ 0}) / (B + 1)). */
  pvalue: number;
  nResamples: number;
  method: 'percentile' | 'bca';
  confidenceLevel: number;
}

/**
 * Paired bootstrap comparison of two models' predictions on the same rows: each of B resamples
 * draws n row indices with replacement and scores both models on those same rows, giving
 * δ*_b = metric(A*) − metric(B*). The interval is that of `metricInterval` on δ*; the two-sided
 * p-value inverts the percentile interval: p = min(1, 2·min(1 + #{δ*_b ≤ 0}, 1 + #{δ*_b ≥ 0}) /
 * (B + 1)) — the smallest α at which the (1 − α) interval excludes 0, with the +1 of Davison &
 * Hinkley so that it is never 0. A NaN δ* (metric undefined on a resample) makes ci and p NaN.
 * Deterministic for a seed.
 *
 * @example pairedBootstrap(f1Score, yTrue, candidate, champion, { seed: 1 }) // { difference, ci, pvalue, ... }
 */
export function pairedBootstrap(
  metric: Metric,
  yTrue: Rows,
  predA: Rows,
  predB: Rows,
  options: PairedBootstrapOptions = {},
): PairedBootstrapResult {
  const fn = 'pairedBootstrap';
  checkLengths(fn, { yTrue, predA, predB });
  const { method, confidenceLevel, nResamples } = checkOptions(fn, options);
  if (method === 'wilson') invalid(fn, "method must be 'percentile' or 'bca'");
  const a = metricKernel(fn, metric, yTrue, predA, options.metricOptions);
  const b = metricKernel(fn, metric, yTrue, predB, options.metricOptions);
  const distribution = bootstrapDistribution([a, b], nResamples, options.seed ?? 0);
  const difference = a.value - b.value;
  let jackknife: Float64Array[] | undefined;
  if (method === 'bca') {
    const ja = a.jackknife();
    const jb = b.jackknife();
    jackknife = [ja.map((v, i) => v - jb[i]!)];
  }
  const { low, high } = bootstrapInterval({
    distribution,
    observed: difference,
    method,
    confidenceLevel,
    ...(jackknife ? { jackknife } : {}),
  });
  return {
    valueA: a.value,
    valueB: b.value,
    difference,
    ci: [low, high],
    pvalue: bootstrapPvalue(distribution),
    nResamples,
    method,
    confidenceLevel,
  };
}

/** Two-sided p-value of δ = 0 from a bootstrap distribution of δ (see pairedBootstrap). */
export function bootstrapPvalue(distribution: Float64Array): number {
  let atMost = 0;
  let atLeast = 0;
  for (let i = 0; i < distribution.length; i++) {
    const d = distribution[i]!;
    if (Number.isNaN(d)) return Number.NaN;
    if (d <= 0) atMost++;
    if (d >= 0) atLeast++;
  }
  return Math.min(1, (2 * Math.min(atMost + 1, atLeast + 1)) / (distribution.length + 1));
}
