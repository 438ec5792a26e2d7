import { binom } from './binom.js';

/**
 * Number of arrangements giving U = 0..maxu for sample sizes n1, n2 without ties: the first
 * coefficients of the Gaussian binomial [n1 + n2 choose n1]_q = Π_{i=1..m} (1 - q^{n+i}) / (1 - q^i)
 * with m = min(n1, n2), n = max(n1, n2). Each factor is applied to the truncated series in place
 * (a multiplication is a shifted subtraction, a division a strided running sum), so the cost is
 * O(m · maxu). The counts are exact integers up to 2^53 (beyond, as in scipy, they are floats).
 */
function uCounts(n1: number, n2: number, maxu: number): Float64Array {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const c = new Float64Array(maxu + 1);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    for (let u = maxu; u >= n + i; u--) c[u]! -= c[u - n - i]!;
    for (let u = i; u <= maxu; u++) c[u]! += c[u - i]!;
  }
  return c;
}

/**
 * P(U >= k) under the null for Mann-Whitney's U with sizes n1, n2 and no ties, as scipy's
 * `_MWU.sf`: by symmetry the left tail is summed, P(U <= n1·n2 - k) when k is at least the
 * centre, else 1 - P(U <= k) + P(U = k). Probabilities are counts / C(n1 + n2, n1), summed in
 * order as numpy's cumsum does.
 */
export function mwuExactSf(k: number, n1: number, n2: number): number {
  const kc = n1 * n2 - k;
  const upper = k < kc;
  const top = upper ? k : kc;
  if (top < 0) return upper ? 1 : 0;
  const counts = uCounts(n1, n2, top);
  const total = binom(n1 + n2, Math.min(n1, n2));
  let cdf = 0;
  for (let u = 0; u <= top; u++) cdf += counts[u]! / total;
  return upper ? 1 - cdf + counts[top]! / total : cdf;
}
