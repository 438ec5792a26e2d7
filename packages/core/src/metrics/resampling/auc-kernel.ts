import { argsortFloat64 } from '../../stats/index.js';
import { binarize, fewLabels } from '../binary-target.js';
import { formatLabel, type LabelArray } from '../labels.js';
import { checkFinite, invalid } from '../validate.js';
import type { MetricKernel } from './kernels.js';

/**
 * Binary ROC AUC for resampling: the rows are sorted by score once and grouped into runs of
 * equal scores; a resample is a multiplicity per row, and its AUC is one pass over the groups,
 * Σ_g pos_g·(neg below g + ½·neg_g) / (P·N). NaN on a resample with one class only.
 */
export function aucKernel(fn: string, yTrue: LabelArray, yScore: ArrayLike<number>): MetricKernel {
  const classes = fewLabels(fn, yTrue, 2);
  if (classes === null) invalid(fn, 'yTrue has more than two labels');
  if (classes.length < 2)
    invalid(fn, `only one class (${formatLabel(classes[0]!)}) in yTrue: ROC AUC is undefined`);
  checkFinite(fn, 'yScore', yScore);
  const isPos = binarize(yTrue, classes[1]!);
  const n = yScore.length;
  const order = argsortFloat64(yScore);
  const starts: number[] = [0];
  for (let r = 1; r < n; r++) if (yScore[order[r]!] !== yScore[order[r - 1]!]) starts.push(r);
  starts.push(n);
  const groupStart = Uint32Array.from(starts);
  const groups = groupStart.length - 1;
  const mult = new Float64Array(n);

  /** Σ pairs and class totals for the multiplicities in `mult`. */
  const scan = (perGroup?: {
    posBelow: Float64Array;
    negBelow: Float64Array;
    pos: Float64Array;
    neg: Float64Array;
  }) => {
    let negBelow = 0;
    let posTotal = 0;
    let pairs = 0;
    for (let g = 0; g < groups; g++) {
      let posG = 0;
      let negG = 0;
      for (let r = groupStart[g]!; r < groupStart[g + 1]!; r++) {
        const i = order[r]!;
        if (isPos[i]) posG += mult[i]!;
        else negG += mult[i]!;
      }
      if (perGroup) {
        perGroup.posBelow[g] = posTotal;
        perGroup.negBelow[g] = negBelow;
        perGroup.pos[g] = posG;
        perGroup.neg[g] = negG;
      }
      pairs += posG * (negBelow + 0.5 * negG);
      negBelow += negG;
      posTotal += posG;
    }
    return { pairs, pos: posTotal, neg: negBelow };
  };
  const auc = ({ pairs, pos, neg }: { pairs: number; pos: number; neg: number }) =>
    pos === 0 || neg === 0 ? Number.NaN : pairs / (pos * neg);

  mult.fill(1);
  const value = auc(scan());
  return {
    n,
    value,
    resample(index) {
      mult.fill(0);
      for (let i = 0; i < index.length; i++) mult[index[i]!]!++;
      return auc(scan());
    },
    jackknife() {
      mult.fill(1);
      const g = {
        posBelow: new Float64Array(groups),
        negBelow: new Float64Array(groups),
        pos: new Float64Array(groups),
        neg: new Float64Array(groups),
      };
      const { pairs, pos, neg } = scan(g);
      const out = new Float64Array(n);
      for (let k = 0; k < groups; k++) {
        // A positive of group k beats the negatives below and ties ½ with the group's negatives;
        // a negative of group k loses to the positives above and ties ½ with the group's positives.
        const posShare = g.negBelow[k]! + 0.5 * g.neg[k]!;
        const posAbove = pos - g.posBelow[k]! - g.pos[k]!;
        const negShare = posAbove + 0.5 * g.pos[k]!;
        const withoutPos = pos > 1 ? (pairs - posShare) / ((pos - 1) * neg) : Number.NaN;
        const withoutNeg = neg > 1 ? (pairs - negShare) / (pos * (neg - 1)) : Number.NaN;
        for (let r = groupStart[k]!; r < groupStart[k + 1]!; r++) {
          const i = order[r]!;
          out[i] = isPos[i] ? withoutPos : withoutNeg;
        }
      }
      return out;
    },
  };
}
