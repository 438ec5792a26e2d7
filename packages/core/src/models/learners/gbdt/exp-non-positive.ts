/**
 * e^x for x ≤ 0 (NaN for NaN), by fdlibm's algorithm (`__ieee754_exp`, which V8's Math.exp also
 * follows, so the results are the same bits): x = k·ln2 + r with |r| ≤ ln2/2, e^r from a rational
 * approximation, times 2^k from a table. Written out in JavaScript it is inlined into the gradient
 * loops, where Math.exp is a call: the binomial gradients of 1M rows take about 40% less time.
 */
export function expNonPositive(x: number): number {
  const ax = -x;
  if (ax >= OVERFLOW_HIGH_WORD && x < UNDERFLOW) return 0;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= HALF_LN2_HIGH_WORD) {
    if (ax < ONE_AND_HALF_LN2_HIGH_WORD) {
      hi = x + LN2_HI;
      lo = -LN2_LO;
      k = -1;
    } else {
      k = (INV_LN2 * x - 0.5) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TINY) return 1 + x;
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  return k >= -1021 ? y * POW2[k + POW2_BIAS]! : y * POW2[k + 1000 + POW2_BIAS]! * 2 ** -1000;
}

function fromWords(high: number, low: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}

// fdlibm's constants, by their bits. Its tests on the high word of |x| become comparisons with
// the smallest double of that high word (doubles ≥ 0 order as their bits do).
const LN2_HI = fromWords(0x3fe62e42, 0xfee00000);
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76);
const INV_LN2 = fromWords(0x3ff71547, 0x652b82fe);
const P1 = fromWords(0x3fc55555, 0x5555553e);
const P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c);
const P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);
const HALF_LN2_HIGH_WORD = fromWords(0x3fd62e43, 0);
const ONE_AND_HALF_LN2_HIGH_WORD = fromWords(0x3ff0a2b2, 0);
const TINY = 2 ** -28;
const OVERFLOW_HIGH_WORD = fromWords(0x40862e42, 0);
const UNDERFLOW = fromWords(0xc0874910, 0xd52d3051);
/** 2^k for k in [−1050, 1050). */
const POW2_BIAS = 1050;
const POW2 = Float64Array.from({ length: 2 * POW2_BIAS }, (_, i) => 2 ** (i - POW2_BIAS));

/** The constants, for the same algorithm in the WebAssembly gradient kernel (wasm-gradients.ts). */
export const EXP_CONSTANTS = {
  LN2_HI,
  LN2_LO,
  INV_LN2,
  P: [P1, P2, P3, P4, P5],
  HALF_LN2_HIGH_WORD,
  TINY,
  UNDERFLOW,
} as const;
