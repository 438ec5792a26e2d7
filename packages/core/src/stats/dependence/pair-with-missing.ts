import { rankdata } from '../descriptive/index.js';

/**
 * Pearson's r over the rows where both values are finite, in one pass: sums of deviations from
 * shifts mx, my (the columns' means), then Σ(x - x̄)² = Σd² - (Σd)²/n and alike. When a column's
 * complete rows sit far from its shift that subtraction would cancel digits (Σd² over 16 times the
 * result): the pair is then summed again in two passes around its own means.
 */
export function pearsonWithMissing(x: Float64Array, y: Float64Array, mx: number, my: number): number {
  const n = x.length;
  let count = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let fx = 0;
  let fy = 0;
  let xVaries = false;
  let yVaries = false;
  for (let i = 0; i < n; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u - u !== 0 || v - v !== 0) continue;
    if (count === 0) {
      fx = u;
      fy = v;
    } else {
      if (u !== fx) xVaries = true;
      if (v !== fy) yVaries = true;
    }
    count++;
    const dx = u - mx;
    const dy = v - my;
    sx += dx;
    sy += dy;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (count < 2 || !xVaries || !yVaries) return Number.NaN;
  const cxx = sxx - sx * (sx / count);
  const cyy = syy - sy * (sy / count);
  if (!(cxx * 16 > sxx && cyy * 16 > syy)) return pearsonTwoPass(x, y);
  const cxy = sxy - sx * (sy / count);
  return cxy / (Math.sqrt(cxx) * Math.sqrt(cyy));
}

function pearsonTwoPass(x: Float64Array, y: Float64Array): number {
  let count = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u - u !== 0 || v - v !== 0) continue;
    count++;
    tx += u;
    ty += v;
  }
  const mx = tx / count;
  const my = ty / count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u - u !== 0 || v - v !== 0) continue;
    const dx = u - mx;
    const dy = v - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
}

/**
 * Spearman's r over the complete rows of two rank columns (NaN where missing, ranked over their
 * own finite values). When both miss the same rows their ranks are already the complete rows'
 * ranks and one pass suffices; otherwise the complete rows are gathered and ranked again.
 */
export function spearmanWithMissing(
  rx: Float64Array,
  ry: Float64Array,
  validX: number,
  validY: number,
): number {
  const mx = (validX + 1) / 2;
  const my = (validY + 1) / 2;
  let count = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < rx.length; i++) {
    const u = rx[i]!;
    const v = ry[i]!;
    if (u !== u || v !== v) continue;
    count++;
    const dx = u - mx;
    const dy = v - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (count === validX && count === validY) return ratio(sxy, sxx, syy);
  if (count < 2) return Number.NaN;
  const a = new Float64Array(count);
  const b = new Float64Array(count);
  let w = 0;
  for (let i = 0; i < rx.length; i++) {
    const u = rx[i]!;
    const v = ry[i]!;
    if (u !== u || v !== v) continue;
    a[w] = u;
    b[w++] = v;
  }
  // Ranks of ranks are the ranks of the values: ranking keeps order and ties.
  const ra = rankdata(a);
  const rb = rankdata(b);
  const m = (count + 1) / 2;
  sxx = 0;
  syy = 0;
  sxy = 0;
  for (let i = 0; i < count; i++) {
    const dx = ra[i]! - m;
    const dy = rb[i]! - m;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return ratio(sxy, sxx, syy);
}

/** Spearman on ranks: a constant rank column has a zero sum of squares exactly (pandas: NaN). */
function ratio(sxy: number, sxx: number, syy: number): number {
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
}
