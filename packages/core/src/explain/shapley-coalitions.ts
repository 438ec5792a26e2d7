import type { Random } from '../random/index.js';

/** Coalitions of M features (row-major S × M masks, 1 = the feature takes the explained row's value) and their weights. */
export interface Coalitions {
  m: number;
  count: number;
  masks: Uint8Array;
  weights: Float64Array;
  /** True when every coalition but the empty and the full one is there (the estimate is exact). */
  exhaustive: boolean;
}

/** shap's default budget: 2M + 2048 coalitions, or all 2^M − 2 of them when that is fewer. */
export function autoSamples(m: number): number {
  return Math.min(2 * m + 2048, maxCoalitions(m));
}

export function maxCoalitions(m: number): number {
  return m <= 30 ? 2 ** m - 2 : 2 ** 30;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Calls `visit` with each k-subset of 0..m-1 in lexicographic order (itertools.combinations). */
function forEachSubset(m: number, k: number, visit: (idx: Int32Array) => void): void {
  const idx = Int32Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === m - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/**
 * The coalitions Kernel SHAP evaluates, chosen as shap.KernelExplainer chooses them (Lundberg &
 * Lee 2017): the Shapley kernel gives a subset of size s the total weight (M − 1) / (s (M − s));
 * sizes are taken in pairs (s and M − s, a subset with its complement), smallest first, and a
 * size is enumerated completely while the budget left covers all its subsets at their expected
 * count; the budget that remains is drawn at random over the other sizes, in complementary pairs,
 * a coalition drawn again adding 1 to its weight, and those weights are rescaled to the kernel
 * weight the unenumerated sizes hold. With the default budget every coalition is enumerated up to
 * M = 11 features, and the estimate is then exact.
 */
export function shapleyCoalitions(m: number, nSamples: number, rng: Random): Coalitions {
  const budget = Math.min(nSamples, maxCoalitions(m));
  const masks = new Uint8Array(budget * m);
  const weights = new Float64Array(budget);
  let added = 0;
  const add = (mask: Uint8Array, w: number) => {
    masks.set(mask, added * m);
    weights[added++] = w;
  };
  const nSizes = Math.ceil((m - 1) / 2);
  const nPaired = Math.floor((m - 1) / 2);
  const weightVector = Float64Array.from({ length: nSizes }, (_, i) => (m - 1) / ((i + 1) * (m - i - 1)));
  for (let i = 0; i < nPaired; i++) weightVector[i]! *= 2;
  const total = weightVector.reduce((a, b) => a + b, 0);
  for (let i = 0; i < nSizes; i++) weightVector[i]! /= total;

  let fullSizes = 0;
  let left = budget;
  const remaining = Float64Array.from(weightVector);
  const mask = new Uint8Array(m);
  for (let size = 1; size <= nSizes; size++) {
    let nSubsets = binomial(m, size);
    if (size <= nPaired) nSubsets *= 2;
    if ((left * remaining[size - 1]!) / nSubsets < 1 - 1e-8) break;
    fullSizes++;
    left -= nSubsets;
    if (remaining[size - 1]! < 1) {
      const scale = 1 - remaining[size - 1]!;
      for (let i = 0; i < nSizes; i++) remaining[i]! /= scale;
    }
    let w = weightVector[size - 1]! / binomial(m, size);
    if (size <= nPaired) w /= 2;
    forEachSubset(m, size, (idx) => {
      mask.fill(0);
      for (const i of idx) mask[i] = 1;
      add(mask, w);
      if (size <= nPaired) {
        for (let i = 0; i < m; i++) mask[i] = 1 - mask[i]!;
        add(mask, w);
      }
    });
  }

  const fixed = added;
  let samplesLeft = budget - added;
  if (fullSizes !== nSizes && samplesLeft > 0) {
    const draw = Float64Array.from(weightVector.subarray(fullSizes));
    for (let i = 0; i < nPaired - fullSizes; i++) draw[i]! /= 2; // each draw adds two coalitions
    const drawTotal = draw.reduce((a, b) => a + b, 0);
    const cumulative = new Float64Array(draw.length);
    let acc = 0;
    draw.forEach((v, i) => {
      acc += v / drawTotal;
      cumulative[i] = acc;
    });
    const seen = new Map<string, number>();
    const order = new Int32Array(m);
    // shap stops after 4 draws per coalition wanted, short of the budget if repeats abound.
    for (let tries = 4 * samplesLeft; samplesLeft > 0 && tries > 0; tries--) {
      const u = rng.float();
      let ind = 0;
      while (ind < cumulative.length - 1 && u >= cumulative[ind]!) ind++;
      const size = ind + fullSizes + 1;
      for (let i = 0; i < m; i++) order[i] = i;
      for (let i = 0; i < size; i++) {
        const j = i + rng.int(m - i);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      mask.fill(0);
      for (let i = 0; i < size; i++) mask[order[i]!] = 1;
      const key = mask.join('');
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, added);
        samplesLeft--;
        add(mask, 1);
      } else weights[at]! += 1;
      if (samplesLeft > 0 && size <= nPaired) {
        for (let i = 0; i < m; i++) mask[i] = 1 - mask[i]!;
        if (at === undefined) {
          samplesLeft--;
          add(mask, 1);
        } else weights[at + 1]! += 1;
      }
    }
    let leftWeight = 0;
    for (let i = fullSizes; i < nSizes; i++) leftWeight += weightVector[i]!;
    let sampled = 0;
    for (let i = fixed; i < added; i++) sampled += weights[i]!;
    for (let i = fixed; i < added; i++) weights[i]! *= leftWeight / sampled;
  }
  return {
    m,
    count: added,
    masks: masks.subarray(0, added * m),
    weights: weights.subarray(0, added),
    exhaustive: fullSizes === nSizes,
  };
}
