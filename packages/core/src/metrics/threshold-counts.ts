import { argsortFloat64 } from '../stats/index.js';

/** Cumulative counts at each distinct score, scores decreasing (scikit-learn's confusion_matrix_at_thresholds). */
export interface ThresholdCounts {
  /** False positives: (weighted) negatives with score ≥ thresholds[i]. */
  fps: Float64Array;
  /** True positives: (weighted) positives with score ≥ thresholds[i]. */
  tps: Float64Array;
  /** The distinct scores, decreasing. */
  thresholds: Float64Array;
}

/**
 * tps and fps at every distinct score, as scikit-learn: rows of zero weight are dropped first,
 * rows are visited by decreasing score (one radix argsort), and counts are read at the last row
 * of each run of equal scores. Unweighted fps are counted exactly as (rows so far) − tps.
 */
export function thresholdCounts(
  isPos: Uint8Array,
  score: Float64Array,
  weight?: ArrayLike<number>,
): ThresholdCounts {
  let pos = isPos;
  let s = score;
  let w = weight;
  if (w !== undefined) {
    const keep: number[] = [];
    for (let i = 0; i < s.length; i++) if (w[i] !== 0) keep.push(i);
    if (keep.length < s.length) {
      pos = Uint8Array.from(keep, (i) => isPos[i]!);
      s = Float64Array.from(keep, (i) => score[i]!);
      const src = w;
      w = Float64Array.from(keep, (i) => src[i]!);
    }
  }
  const n = s.length;
  const asc = argsortFloat64(s);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = n - 1; r >= 0; r--) {
    const i = asc[r]!;
    if (w === undefined) {
      tp += pos[i]!;
    } else if (pos[i]) {
      tp += w[i]!;
    } else {
      fp += w[i]!;
    }
    const v = s[i]!;
    if (r === 0 || s[asc[r - 1]!] !== v) {
      tps.push(tp);
      fps.push(w === undefined ? n - r - tp : fp);
      thresholds.push(v);
    }
  }
  return {
    fps: Float64Array.from(fps),
    tps: Float64Array.from(tps),
    thresholds: Float64Array.from(thresholds),
  };
}
