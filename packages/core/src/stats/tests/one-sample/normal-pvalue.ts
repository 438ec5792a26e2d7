import { VigieError } from '../../../errors/index.js';
import { norm } from '../../distributions/index.js';
import type { Alternative } from '../../input.js';

/** p-value of a standard-normal z statistic, as scipy's `_get_pvalue` with a symmetric law. */
export function normalPvalue(z: number, alternative: Alternative, fn: string): number {
  if (alternative === 'two-sided') return 2 * norm.sf(Math.abs(z));
  if (alternative === 'less') return norm.cdf(z);
  if (alternative === 'greater') return norm.sf(z);
  throw new VigieError('INVALID_ARGUMENT', `${fn}: unknown alternative '${String(alternative)}'`);
}
