/**
 * Per-distribution behaviour in one table (Arrow-style): how to draw, which CSV type it produces,
 * and its theoretical mean and standard deviation (used to size drift shifts and outliers).
 */
import {
  drawIndex,
  exponential,
  lognormal,
  normal,
  poissonTable,
  studentT,
  uniform,
  uniformInt,
} from './distributions.mjs';

export const DISTRIBUTIONS = {
  normal: {
    type: 'double',
    moments: ({ mean, sd }) => ({ mean, sd }),
    sampler:
      ({ mean, sd }) =>
      (rng) =>
        normal(rng, mean, sd),
  },
  lognormal: {
    type: 'double',
    moments: ({ mu, sigma }) => {
      const mean = Math.exp(mu + (sigma * sigma) / 2);
      return { mean, sd: mean * Math.sqrt(Math.expm1(sigma * sigma)) };
    },
    sampler:
      ({ mu, sigma }) =>
      (rng) =>
        lognormal(rng, mu, sigma),
  },
  uniform: {
    type: 'double',
    moments: ({ low, high }) => ({ mean: (low + high) / 2, sd: (high - low) / Math.sqrt(12) }),
    sampler:
      ({ low, high }) =>
      (rng) =>
        uniform(rng, low, high),
  },
  exponential: {
    type: 'double',
    moments: ({ rate }) => ({ mean: 1 / rate, sd: 1 / rate }),
    sampler:
      ({ rate }) =>
      (rng) =>
        exponential(rng, rate),
  },
  studentT: {
    type: 'double',
    moments: ({ df, loc, scale }) => ({ mean: loc, sd: scale * Math.sqrt(df / (df - 2)) }),
    sampler:
      ({ df, loc, scale }) =>
      (rng) =>
        loc + scale * studentT(rng, df),
  },
  poisson: {
    type: 'integer',
    moments: ({ lambda }) => ({ mean: lambda, sd: Math.sqrt(lambda) }),
    sampler: ({ lambda }) => {
      const table = poissonTable(lambda);
      return (rng) => drawIndex(rng, table);
    },
  },
  uniformInt: {
    type: 'integer',
    moments: ({ low, high }) => {
      const n = high - low + 1;
      return { mean: (low + high) / 2, sd: Math.sqrt((n * n - 1) / 12) };
    },
    sampler:
      ({ low, high }) =>
      (rng) =>
        uniformInt(rng, low, high),
  },
  /** Two-component normal mixture: weight w on N(mean1, sd1), 1 - w on N(mean2, sd2). */
  bimodal: {
    type: 'double',
    moments: ({ weight, mean1, sd1, mean2, sd2 }) => {
      const mean = weight * mean1 + (1 - weight) * mean2;
      const second = weight * (sd1 * sd1 + mean1 * mean1) + (1 - weight) * (sd2 * sd2 + mean2 * mean2);
      return { mean, sd: Math.sqrt(second - mean * mean) };
    },
    sampler:
      ({ weight, mean1, sd1, mean2, sd2 }) =>
      (rng) =>
        rng.float() < weight ? normal(rng, mean1, sd1) : normal(rng, mean2, sd2),
  },
};
