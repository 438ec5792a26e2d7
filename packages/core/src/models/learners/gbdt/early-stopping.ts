import type { Random } from '../../../random/index.js';

/**
 * The rows held out to score early stopping: ⌈fraction·n⌉ of them, drawn with `rng`; for
 * classification, stratified (each class gives its share, largest remainders first), as
 * scikit-learn's `train_test_split(stratify=y)`. Returns ascending row indices.
 */
export function validationSplit(
  y: ArrayLike<number>,
  fraction: number,
  stratify: boolean,
  rng: Random,
): { train: Uint32Array; validation: Uint32Array } {
  const n = y.length;
  const nTest = Math.ceil(fraction * n);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = stratify ? y[i]! : 0;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const quota = keys.map((key) => (nTest * groups.get(key)!.length) / n);
  const take = quota.map(Math.floor);
  let left = nTest - take.reduce((a, b) => a + b, 0);
  const byRemainder = keys
    .map((_, i) => i)
    .sort((a, b) => quota[b]! - take[b]! - (quota[a]! - take[a]!) || a - b);
  for (const i of byRemainder) {
    if (left === 0) break;
    take[i]!++;
    left--;
  }
  const isTest = new Uint8Array(n);
  keys.forEach((key, gi) => {
    const rows = groups.get(key)!;
    // Partial Fisher–Yates: the first take[gi] after shuffling are held out.
    for (let i = 0; i < take[gi]!; i++) {
      const k = i + rng.int(rows.length - i);
      const t = rows[i]!;
      rows[i] = rows[k]!;
      rows[k] = t;
      isTest[rows[i]!] = 1;
    }
  });
  const train = new Uint32Array(n - nTest);
  const validation = new Uint32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isTest[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}

/**
 * scikit-learn's `_should_stop`: scores are negated losses, the first one the baseline's; stop when
 * none of the last `nIterNoChange` beats the one before them by more than `tol`.
 */
export function shouldStop(scores: readonly number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (scores.length < reference) return false;
  const target = scores[scores.length - reference]! + tol;
  for (let i = scores.length - reference + 1; i < scores.length; i++) if (scores[i]! > target) return false;
  return true;
}
