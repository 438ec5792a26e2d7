import type { Alternative } from '../input.js';

/**
 * Exact p-value of Kendall's tau without ties, as scipy's `_kendall_p_exact(n, c, alternative)`
 * (Kendall 1970): c is the number of concordant pairs. The permutation counts with at most c
 * inversions come from the recurrence of the Mahonian numbers (a running sum with a lag-j
 * correction per extra element); above n = 170, where n! overflows, each step is divided by j.
 */
export function kendallPExact(n: number, c: number, alternative: Alternative): number {
  const pairs = (n * (n - 1)) / 2;
  const inRightTail = c >= pairs - c;
  const cc = Math.min(c, pairs - c);
  let prob: number;
  let massAtC = 0;
  if (n === 1) {
    prob = 1;
    massAtC = 1;
  } else if (n === 2) {
    prob = 1;
    massAtC = 0.5;
  } else if (cc === 0) {
    prob = n < 171 ? 2 / factorial(n) : 0;
    massAtC = prob / 2;
  } else if (cc === 1) {
    prob = n < 172 ? 2 / factorial(n - 1) : 0;
    massAtC = (n - 1) / factorial(n);
  } else if (4 * cc === n * (n - 1) && alternative === 'two-sided') {
    prob = 1;
  } else {
    const scaled = n >= 171;
    const counts = new Float64Array(cc + 1);
    counts[0] = 1;
    counts[1] = 1;
    for (let j = 3; j <= n; j++) {
      let run = 0;
      for (let k = 0; k <= cc; k++) {
        run += counts[k]!;
        counts[k] = scaled ? run / j : run;
      }
      // numpy's new[j:] -= new[:c+1-j] reads the old values: walk downwards.
      if (j <= cc) for (let k = cc; k >= j; k--) counts[k]! -= counts[k - j]!;
    }
    let total = 0;
    for (let k = 0; k <= cc; k++) total += counts[k]!;
    if (scaled) {
      prob = total;
      massAtC = counts[cc]! / 2;
    } else {
      const f = factorial(n);
      prob = (2 * total) / f;
      massAtC = counts[cc]! / f;
    }
  }
  if (alternative !== 'two-sided') {
    // One-sided: half the two-sided value when c lies on the alternative's side, else its complement.
    prob = inRightTail === (alternative === 'greater') ? prob / 2 : 1 - prob / 2 + massAtC;
  }
  return Math.min(1, Math.max(0, prob));
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
