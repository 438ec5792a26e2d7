import { comb } from './binom.js';
import { gcd } from './common.js';

/**
 * Exact p-value P(U >= u) of the two-sample Cramér-von Mises statistic U for sizes m, n, as
 * scipy's `_pval_cvm_2samp_exact`: the frequency table of Xiao, Gordon & Yakovlev (2006,
 * Algorithm 1), built over the lattice u = 0..n, v = 0..m as value → count maps, compared with
 * the threshold ζ of Anderson (1962, eq. 9). Counts are exact below 2^53, i.e. for all sizes
 * scipy's 'auto' sends here (max(m, n) <= 20).
 */
export function cvmExactPvalue(u: number, m: number, n: number): number {
  const lcm = (m / gcd(m, n)) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = floorDivide(lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn ** 2);
  let gs: Map<number, number>[] = [new Map([[0, 1]])];
  for (let v = 1; v <= m; v++) gs.push(new Map());
  for (let uu = 0; uu <= n; uu++) {
    const next: Map<number, number>[] = [];
    let tmp = new Map<number, number>();
    for (let v = 0; v <= m; v++) {
      const merged = new Map<number, number>();
      const shift = (a * v - b * uu) ** 2;
      for (const [value, freq] of tmp) merged.set(value + shift, freq);
      for (const [value, freq] of gs[v]!) {
        const key = value + shift;
        merged.set(key, (merged.get(key) ?? 0) + freq);
      }
      next.push(merged);
      tmp = merged;
    }
    gs = next;
  }
  let count = 0;
  for (const [value, freq] of gs[m]!) if (value >= zeta) count += freq;
  return count / comb(m + n, m);
}

/** numpy's floor_divide for doubles (npy_divmod), which can differ from floor(a / b) by one. */
function floorDivide(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1.0;
    }
  }
  if (div === 0) return 0 * (a / b);
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1.0;
  return floordiv;
}
