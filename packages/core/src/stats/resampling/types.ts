/**
 * A statistic over one or more samples. Resampling functions call it with reused buffers that
 * they refill before every call: it may reorder its arguments in place (sort them, say) but must
 * not keep references to them.
 */
export type ResampleStatistic = (...samples: Float64Array[]) => number;

export type BootstrapMethod = 'percentile' | 'basic' | 'bca';

export interface ConfidenceInterval {
  low: number;
  high: number;
}
