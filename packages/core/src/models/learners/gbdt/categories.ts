import { VigieError } from '../../../errors/index.js';
import type { FittedPipeline } from '../../pipeline/feature-pipeline.js';

/**
 * `fitGbdt`'s `categories` option for the features of a 'trees' pipeline: 0 for a numeric column,
 * the number of training categories for a categorical one (its values are their codes).
 */
export function gbdtCategories(pipeline: FittedPipeline): number[] {
  if (pipeline.kind !== 'trees')
    throw new VigieError(
      'INVALID_ARGUMENT',
      `gradient boosting takes a 'trees' pipeline, not a '${pipeline.kind}' one`,
    );
  return pipeline.columns.map((c) => (c.kind === 'categorical' ? (c.categories?.length ?? 0) : 0));
}
