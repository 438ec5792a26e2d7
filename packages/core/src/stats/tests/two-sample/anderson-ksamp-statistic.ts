import { numpySum } from './common.js';

/** scipy 1.17's `variant` of the k-sample Anderson-Darling statistic. */
export type AndersonVariant = 'midrank' | 'right' | 'continuous';

/** For each distinct value z*_j: how many values of sorted `s` are < z*_j and <= z*_j. */
function countsAt(s: Float64Array, zstar: Float64Array): { below: Float64Array; upTo: Float64Array } {
  const below = new Float64Array(zstar.length);
  const upTo = new Float64Array(zstar.length);
  let p = 0;
  for (let j = 0; j < zstar.length; j++) {
    const v = zstar[j]!;
    while (p < s.length && s[p]! < v) p++;
    below[j] = p;
    while (p < s.length && s[p] === v) p++;
    upTo[j] = p;
  }
  return { below, upTo };
}

/** Distinct values of sorted `z` and their multiplicities. */
export function distinct(z: Float64Array): { zstar: Float64Array; counts: Float64Array } {
  const values = new Float64Array(z.length);
  const counts = new Float64Array(z.length);
  let m = 0;
  let i = 0;
  while (i < z.length) {
    let j = i + 1;
    while (j < z.length && z[j] === z[i]) j++;
    values[m] = z[i]!;
    counts[m++] = j - i;
    i = j;
  }
  return { zstar: values.subarray(0, m), counts: counts.subarray(0, m) };
}

/** The pooled sorted sample, merged from the sorted samples. */
export function mergeSorted(sorted: readonly Float64Array[]): Float64Array {
  let merged: Float64Array = sorted[0]!;
  for (let s = 1; s < sorted.length; s++) {
    const x = merged;
    const y = sorted[s]!;
    const out = new Float64Array(x.length + y.length);
    let i = 0;
    let j = 0;
    let w = 0;
    while (i < x.length && j < y.length) out[w++] = x[i]! <= y[j]! ? x[i++]! : y[j++]!;
    while (i < x.length) out[w++] = x[i++]!;
    while (j < y.length) out[w++] = y[j++]!;
    merged = out;
  }
  return merged;
}

/**
 * The unnormalized k-sample Anderson-Darling statistic A²kN of Scholz & Stephens (1987), in
 * scipy's three variants, for the sorted samples, the sorted pooled data `z`, its distinct values
 * `zstar` and their multiplicities `lj`. Each sample's counts at the distinct values read by a merge walk,
 * which replaces scipy's searchsorted calls; the per-sample sums are numpy pairwise sums.
 * scipy squares integer differences in int64 in the 'right' and 'continuous' variants, which
 * wraps around beyond N ≈ 50,000; here they are doubles, identical below that.
 */
export function andersonStatistic(
  variant: AndersonVariant,
  sorted: readonly Float64Array[],
  z: Float64Array,
  zstar: Float64Array,
  lj: Float64Array,
): number {
  if (variant === 'midrank') return midrank(sorted, z.length, zstar, lj);
  if (variant === 'right') return right(sorted, z.length, zstar, lj);
  return continuous(sorted, z);
}

function midrank(
  samples: readonly Float64Array[],
  bigN: number,
  zstar: Float64Array,
  lj: Float64Array,
): number {
  const l = zstar.length;
  const noTies = bigN === l;
  const bj = new Float64Array(l);
  for (let j = 0, left = 0; j < l; left += lj[j]!, j++) bj[j] = left + (noTies ? 1.0 : lj[j]!) / 2.0;
  const inner = new Float64Array(l);
  let a2 = 0.0;
  for (const s of samples) {
    const n = s.length;
    const { below, upTo } = countsAt(s, zstar);
    for (let j = 0; j < l; j++) {
      const l1 = noTies ? 1.0 : lj[j]!;
      const mij = upTo[j]! - (upTo[j]! - below[j]!) / 2.0;
      const b = bj[j]!;
      inner[j] = ((l1 / bigN) * (bigN * mij - b * n) ** 2) / (b * (bigN - b) - (bigN * l1) / 4.0);
    }
    a2 += numpySum(inner) / n;
  }
  return a2 * ((bigN - 1.0) / bigN);
}

function right(
  samples: readonly Float64Array[],
  bigN: number,
  zstar: Float64Array,
  lj: Float64Array,
): number {
  const l = zstar.length - 1;
  const bj = new Float64Array(l);
  for (let j = 0, acc = 0; j < l; j++) {
    acc += lj[j]!;
    bj[j] = acc;
  }
  const inner = new Float64Array(l);
  let a2 = 0.0;
  for (const s of samples) {
    const n = s.length;
    const { upTo } = countsAt(s, zstar);
    for (let j = 0; j < l; j++) {
      const b = bj[j]!;
      inner[j] = ((lj[j]! / bigN) * (bigN * upTo[j]! - b * n) ** 2) / (b * (bigN - b));
    }
    a2 += numpySum(inner) / n;
  }
  return a2;
}

function continuous(samples: readonly Float64Array[], z: Float64Array): number {
  const bigN = z.length;
  const inner = new Float64Array(bigN - 1);
  let a2 = 0.0;
  for (const s of samples) {
    const n = s.length;
    let p = 0;
    for (let j = 1; j < bigN; j++) {
      const v = z[j - 1]!;
      while (p < s.length && s[p]! <= v) p++;
      inner[j - 1] = (bigN * p - j * n) ** 2 / (j * (bigN - j));
    }
    a2 += numpySum(inner) / n;
  }
  return a2 / bigN;
}
