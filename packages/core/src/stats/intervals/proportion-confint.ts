import { VigieError } from '../../errors/index.js';
import { norm } from '../distributions/index.js';

export interface ProportionConfintOptions {
  /** 1 − confidence level. Default 0.05. */
  alpha?: number;
  /** 'wilson' (default, good coverage even near 0 and 1) or 'normal' (Wald). */
  method?: 'wilson' | 'normal';
}

/**
 * Confidence interval for a binomial proportion `count / nobs`, as
 * statsmodels.stats.proportion.proportion_confint (methods 'wilson' and 'normal'; the Wald
 * interval is clipped to [0, 1] as statsmodels does). `nobs` = 0 gives [NaN, NaN].
 *
 * @example proportionConfint(3, 100); // [0.0103, 0.0845] (Wilson, 95%)
 */
export function proportionConfint(
  count: number,
  nobs: number,
  options: ProportionConfintOptions = {},
): [number, number] {
  const alpha = options.alpha ?? 0.05;
  const method = options.method ?? 'wilson';
  if (!(alpha > 0 && alpha < 1))
    throw new VigieError('INVALID_ARGUMENT', `proportionConfint: alpha must be in (0, 1), got ${alpha}`);
  if (count < 0 || count > nobs)
    throw new VigieError('INVALID_ARGUMENT', `proportionConfint: count ${count} outside [0, ${nobs}]`);
  if (nobs === 0) return [Number.NaN, Number.NaN];
  const p = count / nobs;
  const z = norm.isf(alpha / 2);
  if (method === 'normal') {
    const half = z * Math.sqrt((p * (1 - p)) / nobs);
    return [Math.max(0, p - half), Math.min(1, p + half)];
  }
  const z2 = z * z;
  const denom = 1 + z2 / nobs;
  const center = (p + z2 / (2 * nobs)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / nobs + z2 / (4 * nobs * nobs))) / denom;
  return [center - half, center + half];
}
