/** Number of ways to split sum(sizes) labelled items into groups of these sizes (a float; may be Infinity). */
export function multinomial(sizes: number[]): number {
  let total = 0;
  let count = 1;
  for (const k of sizes) {
    for (let i = 1; i <= k; i++) count = (count * (total + i)) / i;
    total += k;
  }
  return Math.round(count);
}

/**
 * Calls `visit` with every split of indices 0..N−1 into groups of the given sizes, each group
 * ascending — the enumeration scipy's permutation_test uses for its exact 'independent' test
 * (combinations for the first group, then recursively on the rest). `visit` gets reused arrays.
 */
export function forEachPartition(sizes: number[], visit: (groups: Uint32Array[]) => void): void {
  const total = sizes.reduce((a, b) => a + b, 0);
  const groups = sizes.map((k) => new Uint32Array(k));
  const remaining = Array.from({ length: total }, (_, i) => i);
  const recurse = (g: number, pool: number[]): void => {
    if (g === sizes.length - 1) {
      groups[g]!.set(pool);
      visit(groups);
      return;
    }
    const k = sizes[g]!;
    const pick = new Uint32Array(k);
    const choose = (start: number, depth: number): void => {
      if (depth === k) {
        groups[g]!.set(pick);
        const chosen = new Set(pick);
        recurse(
          g + 1,
          pool.filter((x) => !chosen.has(x)),
        );
        return;
      }
      for (let i = start; i <= pool.length - (k - depth); i++) {
        pick[depth] = pool[i]!;
        choose(i + 1, depth + 1);
      }
    };
    choose(0, 0);
  };
  recurse(0, remaining);
}

/** Calls `visit` with every permutation of 0..n−1 (Heap's algorithm; the array is reused). */
export function forEachPermutation(n: number, visit: (p: Uint32Array) => void): void {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const c = new Uint32Array(n);
  visit(p);
  let i = 1;
  while (i < n) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      const t = p[j]!;
      p[j] = p[i]!;
      p[i] = t;
      visit(p);
      c[i]!++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}
