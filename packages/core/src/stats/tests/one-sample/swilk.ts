/**
 * Royston's algorithm AS R94 for the Shapiro-Wilk W test and its p-value, ported operation for
 * operation from scipy's `swilk` (scipy/stats/_ansari_swilk_statistics.pyx, itself a double
 * precision translation of the Fortran), without the censoring branch scipy never uses. Every
 * approximation is Royston's: the weights from normal order statistics through AS 111 (`ppnd`),
 * the polynomial corrections of a_n and a_{n-1}, the normalising transformations of W for
 * n <= 11 and n > 11, and AS 66 (`alnorm`) for the normal tail.
 */

const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];
const SQRTH = Math.SQRT2 / 2;
const PI6 = 6 / Math.PI;
const SMALL = 1e-19;

export interface SwilkResult {
  w: number;
  pw: number;
  /** AS R94's fault code: 0 fine, 2 for n > 5000 (results still computed), 6 for zero range. */
  ifault: number;
}

/** W and its p-value for sorted data `x` (n >= 3), as scipy's swilk(x, a, init=False). */
export function swilk(x: Float64Array): SwilkResult {
  const n = x.length;
  const nn2 = Math.floor(n / 2);
  const a = coefficients(n, nn2);
  const an = n;
  const range = x[n - 1]! - x[0]!;
  if (range < SMALL) return { w: 1, pw: 1, ifault: 6 };

  // a is antisymmetric: the weight of x[i] is -a[i] below the middle and a[n-1-i] above it.
  let sx = x[0]! / range;
  let sa = -a[0]!;
  let ind2 = n - 2;
  for (let i = 1; i < n; i++) {
    sx += x[i]! / range;
    if (i !== ind2) sa += (i < ind2 ? -1 : 1) * a[Math.min(i, ind2)]!;
    ind2--;
  }
  const ifault = n > 5000 ? 2 : 0;
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  ind2 = n - 1;
  for (let i = 0; i < n; i++) {
    const asa = i !== ind2 ? (i < ind2 ? -1 : 1) * a[Math.min(i, ind2)]! - sa : -sa;
    const xsx = x[i]! / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
    ind2--;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  // 1 - W written so it keeps its precision when W is close to 1.
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;

  if (n === 3) {
    // Exact for n = 3. W >= 0.75 in theory; scipy clamps rounding below it (gh-18322).
    if (w < 0.75) return { w: 0.75, pw: 0, ifault };
    return { w, pw: 1 - PI6 * Math.acos(Math.sqrt(w)), ifault };
  }
  let y = Math.log(w1);
  const xx = Math.log(an);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, 2, an);
    if (y >= gamma) return { w, pw: SMALL, ifault };
    y = -Math.log(gamma - y);
    m = poly(C3, 4, an);
    s = Math.exp(poly(C4, 4, an));
  } else {
    m = poly(C5, 4, xx);
    s = Math.exp(poly(C6, 3, xx));
  }
  return { w, pw: alnormUpper((y - m) / s), ifault };
}

/** The weights a[0..n/2) (AS R94 with Royston's polynomial approximations for the two largest). */
function coefficients(n: number, nn2: number): Float64Array {
  const a = new Float64Array(nn2);
  if (n === 3) {
    a[0] = SQRTH;
    return a;
  }
  const an25 = n + 0.25;
  let summ2 = 0;
  for (let i = 0; i < nn2; i++) {
    const m = ppnd((i + 1 - 0.375) / an25);
    a[i] = m;
    summ2 += m * m;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const rsn = 1 / Math.sqrt(n);
  const a1 = poly(C1, 6, rsn) - a[0]! / ssumm2;
  let i1: number;
  let fac: number;
  if (n > 5) {
    i1 = 2;
    const a2 = -a[1]! / ssumm2 + poly(C2, 6, rsn);
    fac = Math.sqrt((summ2 - 2 * a[0]! * a[0]! - 2 * a[1]! * a[1]!) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
    a[1] = a2;
  } else {
    i1 = 1;
    fac = Math.sqrt((summ2 - 2 * a[0]! * a[0]!) / (1 - 2 * a1 * a1));
  }
  a[0] = a1;
  for (let i = i1; i < nn2; i++) a[i] = a[i]! * (-1 / fac);
  return a;
}

/** c[0] + c[1]·x + ... + c[nord-1]·x^(nord-1), evaluated in swilk's order. */
function poly(c: readonly number[], nord: number, x: number): number {
  const res = c[0]!;
  if (nord === 1) return res;
  let p = x * c[nord - 1]!;
  if (nord === 2) return res + p;
  for (let i = nord - 2; i > 0; i--) p = (p + c[i]!) * x;
  return res + p;
}

/**
 * AS 66, the upper normal tail from z to infinity as scipy's `_alnorm(z, upper=True)`, including
 * its quirk that a NaN argument gives 1.
 */
function alnormUpper(x: number): number {
  let upper = true;
  let z = x;
  if (!(z > 0)) {
    upper = false;
    z = -z;
  }
  if (!(z <= 7 || (upper && z <= 38))) return upper ? 0 : 1;
  const y = 0.5 * z * z;
  let temp: number;
  if (z <= 1.28) {
    temp =
      0.5 -
      z *
        (0.398942280444 -
          (0.399903438504 * y) /
            (y + 5.75885480458 - 29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))));
  } else {
    temp =
      (0.398942280385 * Math.exp(-y)) /
      (z -
        3.8052e-8 +
        1.00000615302 /
          (z +
            3.98064794e-4 +
            1.98615381364 /
              (z -
                0.151679116635 +
                5.29330324926 /
                  (z +
                    4.8385912808 -
                    15.1508972451 / (z + 0.742380924027 + 30.789933034 / (z + 3.99019417011))))));
  }
  return upper ? temp : 1 - temp;
}

/** AS 111, the normal quantile to about 1e-7 that R94's weights are defined with. */
function ppnd(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.42) {
    const r = q * q;
    const num = q * (((-25.44106049637 * r + 41.39119773534) * r - 18.61500062529) * r + 2.50662823884);
    return num / ((((3.13082909833 * r - 21.06224101826) * r + 23.08336743743) * r - 8.4735109309) * r + 1);
  }
  let r = q > 0 ? 1 - p : p;
  if (!(r > 0)) return 0;
  r = Math.sqrt(-Math.log(r));
  const num = ((2.32121276858 * r + 4.85014127135) * r - 2.29796479134) * r - 2.78718931138;
  const value = num / ((1.63706781897 * r + 3.54388924762) * r + 1);
  return q < 0 ? -value : value;
}
