import { VigieError } from '../../errors/index.js';
import { createRandom } from '../../random/index.js';
import { std } from '../descriptive/index.js';
import { type Alternative, type Sample, toFloat64 } from '../input.js';
import { bootstrapInterval } from './bootstrap-interval.js';
import type { BootstrapMethod, ConfidenceInterval, ResampleStatistic } from './types.js';
import { fillUniformIndices } from './uniform-indices.js';

export interface BootstrapOptions {
  /** Number of resamples B. Default 9999, as scipy. */
  nResamples?: number;
  /** Default 0.95. */
  confidenceLevel?: number;
  /** Default 'bca', as scipy. */
  method?: BootstrapMethod;
  /** Default 'two-sided'; 'less' gives (−∞, high], 'greater' [low, +∞). */
  alternative?: Alternative;
  /** Resample observation indices jointly across samples (they must have equal lengths). Default false. */
  paired?: boolean;
  /** Seed of the resampling stream (createRandom). Default 0, so results are reproducible. */
  seed?: number;
}

export interface BootstrapResult {
  confidenceInterval: ConfidenceInterval;
  /** Standard deviation (ddof = 1) of the bootstrap distribution. */
  standardError: number;
  /** The B statistic values, in resampling order. */
  bootstrapDistribution: Float64Array;
}

/**
 * Bootstrap confidence interval of `statistic`, following scipy.stats.bootstrap: B resamples
 * drawn with replacement (each sample independently, or jointly by index when `paired`), the
 * statistic on each, then the interval of `bootstrapInterval` ('percentile', 'basic' or 'bca' with
 * jackknife acceleration). The generator is Vigie's seeded xoshiro128**, not numpy's, so
 * intervals agree with scipy's within Monte-Carlo error, not digit for digit; the same seed
 * always gives the same result. Each sample needs at least 2 observations, as scipy.
 * The statistic gets reused buffers, refilled before every call: it may reorder them in place
 * (sorting for a median is fine) but must not keep references to them.
 *
 * @example bootstrap([x], (s) => mean(s), { method: 'percentile', seed: 1 }).confidenceInterval
 */
export function bootstrap(
  data: Sample[],
  statistic: ResampleStatistic,
  options: BootstrapOptions = {},
): BootstrapResult {
  const nResamples = options.nResamples ?? 9999;
  const paired = options.paired ?? false;
  const samples = checkSamples(data, paired);
  if (!Number.isInteger(nResamples) || nResamples < 1) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `bootstrap: nResamples must be a positive integer, got ${nResamples}`,
    );
  }
  const rng = createRandom(options.seed ?? 0);
  const buffers = samples.map((s) => new Float64Array(s.length));
  const distribution = new Float64Array(nResamples);
  if (paired) {
    const n = samples[0]!.length;
    const index = new Uint32Array(n);
    for (let b = 0; b < nResamples; b++) {
      fillUniformIndices(rng, n, index);
      for (let s = 0; s < samples.length; s++) {
        const src = samples[s]!;
        const dst = buffers[s]!;
        for (let i = 0; i < n; i++) dst[i] = src[index[i]!]!;
      }
      distribution[b] = statistic(...buffers);
    }
  } else {
    const indices = samples.map((s) => new Uint32Array(s.length));
    for (let b = 0; b < nResamples; b++) {
      for (let s = 0; s < samples.length; s++) {
        const src = samples[s]!;
        const dst = buffers[s]!;
        const index = indices[s]!;
        fillUniformIndices(rng, src.length, index);
        for (let i = 0; i < index.length; i++) dst[i] = src[index[i]!]!;
      }
      distribution[b] = statistic(...buffers);
    }
  }
  const method = options.method ?? 'bca';
  const observed = statistic(...samples.map((s) => s.slice()));
  const confidenceInterval = bootstrapInterval({
    distribution,
    observed,
    method,
    ...(method === 'bca' ? { jackknife: jackknifeValues(samples, statistic, paired) } : {}),
    ...(options.confidenceLevel === undefined ? {} : { confidenceLevel: options.confidenceLevel }),
    ...(options.alternative === undefined ? {} : { alternative: options.alternative }),
  });
  return {
    confidenceInterval,
    standardError: std(distribution, { ddof: 1 }),
    bootstrapDistribution: distribution,
  };
}

/**
 * Leave-one-out values of the statistic, as scipy's BCa: for each sample, observation i removed
 * and the other samples whole; for paired data a single set, removing pair i from every sample.
 * Every call gets freshly filled buffers, so a statistic that sorts its input in place is safe.
 */
export function jackknifeValues(
  samples: Float64Array[],
  statistic: ResampleStatistic,
  paired: boolean,
): Float64Array[] {
  if (paired) {
    const n = samples[0]!.length;
    const buffers = samples.map(() => new Float64Array(n - 1));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < samples.length; s++) leaveOut(samples[s]!, i, buffers[s]!);
      out[i] = statistic(...buffers);
    }
    return [out];
  }
  return samples.map((sample, s) => {
    const n = sample.length;
    const args = samples.map((x, t) => new Float64Array(t === s ? n - 1 : x.length));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < samples.length; t++) {
        if (t === s) leaveOut(sample, i, args[t]!);
        else args[t]!.set(samples[t]!);
      }
      out[i] = statistic(...args);
    }
    return out;
  });
}

/** dst = src without index `skip`, in order (two block copies). */
function leaveOut(src: Float64Array, skip: number, dst: Float64Array): void {
  dst.set(src.subarray(0, skip), 0);
  dst.set(src.subarray(skip + 1), skip);
}

function checkSamples(data: Sample[], paired: boolean): Float64Array[] {
  if (data.length === 0)
    throw new VigieError('INVALID_ARGUMENT', 'bootstrap: data must hold at least one sample');
  const samples = data.map((s) => toFloat64(s, true));
  for (const s of samples) {
    if (s.length < 2) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        'bootstrap: each sample must contain two or more observations',
      );
    }
    if (paired && s.length !== samples[0]!.length) {
      throw new VigieError('INVALID_ARGUMENT', 'bootstrap: paired samples must have the same length');
    }
  }
  return samples;
}
