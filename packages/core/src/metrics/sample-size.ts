import { norm } from '../stats/index.js';
import { invalid } from './validate.js';

export interface RowsNeeded {
  /** Rows the whole evaluation needs (rounded up); Infinity when the difference is 0. */
  totalRows: number;
  /** Labelled rows to add to the `n` already there (0 when enough). */
  additionalRows: number;
}

export interface RowsNeededInput {
  /** Rows behind `se`. */
  n: number;
  /** Standard error of the difference measured on those rows. */
  se: number;
  /** The difference to detect (the observed one, or the smallest that matters). */
  difference: number;
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  /** Probability of detecting `difference` when it is real. Default 0.8. */
  power?: number;
}

/**
 * Rows needed for a two-sided z-test at level α to detect `difference` with the given power, when
 * the standard error scales as 1/√n (any mean-like metric, a DeLong or bootstrap standard
 * error): se(N) = se·√(n / N), and N solves |difference| = (z_{1−α/2} + z_power)·se(N), so
 * N = n·((z_{1−α/2} + z_power)·se / |difference|)². For "inconclusive" verdicts: how many more
 * labelled rows would decide. NaN, negative or infinite inputs throw INVALID_ARGUMENT.
 *
 * @example rowsNeeded({ n: 1000, se: 0.01, difference: 0.015 }) // { totalRows: 3489, additionalRows: 2489 }
 */
export function rowsNeeded(input: RowsNeededInput): RowsNeeded {
  const fn = 'rowsNeeded';
  const { n, se, difference } = input;
  const { zAlpha, zPower } = quantiles(fn, input.alpha ?? 0.05, input.power ?? 0.8);
  if (!(Number.isInteger(n) && n >= 1)) invalid(fn, `n must be a positive integer, got ${n}`);
  if (!(se >= 0 && Number.isFinite(se))) invalid(fn, `se must be finite and non-negative, got ${se}`);
  if (!Number.isFinite(difference)) invalid(fn, `difference must be finite, got ${difference}`);
  if (difference === 0)
    return { totalRows: Number.POSITIVE_INFINITY, additionalRows: Number.POSITIVE_INFINITY };
  const total = Math.ceil(n * (((zAlpha + zPower) * se) / Math.abs(difference)) ** 2);
  return { totalRows: total, additionalRows: Math.max(0, total - n) };
}

export interface McnemarRowsNeededInput {
  /** Rows of the paired evaluation. */
  n: number;
  /** Rows only model A got right. */
  onlyA: number;
  /** Rows only model B got right. */
  onlyB: number;
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
}

/**
 * Rows needed by McNemar's test, with Connor's (1987) normal-approximation formula for paired
 * proportions: with discordant shares ψ = (b + c) / n and δ = (b − c) / n (the accuracy
 * difference), N = (z_{1−α/2}·√ψ + z_power·√(ψ − δ²))² / δ², assuming the shares stay as observed.
 * Infinity when b = c (no difference to detect). Counts that are not integers with
 * onlyA + onlyB ≤ n throw INVALID_ARGUMENT.
 *
 * @example mcnemarRowsNeeded({ n: 500, onlyA: 30, onlyB: 18 }) // { totalRows: 1306, additionalRows: 806 }
 */
export function mcnemarRowsNeeded(input: McnemarRowsNeededInput): RowsNeeded {
  const fn = 'mcnemarRowsNeeded';
  const { n, onlyA, onlyB } = input;
  const { zAlpha, zPower } = quantiles(fn, input.alpha ?? 0.05, input.power ?? 0.8);
  if (!(Number.isInteger(n) && n >= 1)) invalid(fn, `n must be a positive integer, got ${n}`);
  if (
    !(Number.isInteger(onlyA) && Number.isInteger(onlyB) && onlyA >= 0 && onlyB >= 0 && onlyA + onlyB <= n)
  ) {
    invalid(fn, `onlyA and onlyB must be counts with onlyA + onlyB ≤ n, got ${onlyA} and ${onlyB}`);
  }
  if (onlyA === onlyB)
    return { totalRows: Number.POSITIVE_INFINITY, additionalRows: Number.POSITIVE_INFINITY };
  const psi = (onlyA + onlyB) / n;
  const delta = (onlyA - onlyB) / n;
  const root = zAlpha * Math.sqrt(psi) + zPower * Math.sqrt(psi - delta * delta);
  const total = Math.ceil((root * root) / (delta * delta));
  return { totalRows: total, additionalRows: Math.max(0, total - n) };
}

function quantiles(fn: string, alpha: number, power: number): { zAlpha: number; zPower: number } {
  if (!(alpha > 0 && alpha < 1)) invalid(fn, `alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) invalid(fn, `power must be in (0, 1), got ${power}`);
  return { zAlpha: norm.isf(alpha / 2), zPower: norm.ppf(power) };
}
