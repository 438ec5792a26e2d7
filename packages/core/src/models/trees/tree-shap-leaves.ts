import type { DecisionTree } from './tree-ensemble.js';

/**
 * Tree SHAP by leaf tables (the idea of Yang's "Fast TreeSHAP", 2021), for trees whose paths hold
 * few distinct features. For a leaf with value v whose path splits on the distinct features
 * F = {f₀ … f_{d−1}}, let z_p be the share of cover its path keeps at the splits on f_p (the
 * product of child-over-parent covers) and o_p ∈ {0, 1} whether the row follows all of them. The
 * leaf adds to feature f_p
 *   v · (o_p − z_p) · Σ_{S ⊆ A∖{p}} |S|!(d−|S|−1)!/d! · Π_{q ∉ S ∪ {p}} z_q,
 * where A = {q : o_q = 1} (subsets with a q outside A weigh 0). The sum depends on the row only
 * through A, so it is tabulated once per leaf for all 2^d sets A; a row then costs one walk to
 * find each leaf's A and d multiply-adds per leaf — against O(d²) per leaf for Algorithm 2.
 */
export interface LeafTables {
  /** Per node: the position of its split feature among its path's distinct features (splits only). */
  position: Int32Array;
  /** Per node: 1 when that feature first appears on the path at this node. */
  first: Uint8Array;
  /** Per node: its leaf number (leaves only), else −1. */
  leaf: Int32Array;
  /** Per leaf: d, where its features, shares and table start. */
  depth: Int32Array;
  featureAt: Int32Array;
  features: Int32Array;
  shares: Float64Array;
  tableAt: Int32Array;
  /** table[tableAt + A·d + p] = v · Σ_S …, as above. */
  table: Float64Array;
}

/** Leaves with more distinct path features than this take Algorithm 2 (the tables grow as d·2^d). */
export const MAX_TABLE_DEPTH = 10;

function share(tree: DecisionTree, node: number, child: number): number {
  const w = tree.cover[node]!;
  return w > 0 ? tree.cover[child]! / w : 0.5;
}

/** The tables of a tree, or null when a path holds more than MAX_TABLE_DEPTH distinct features. */
export function leafTables(tree: DecisionTree): LeafTables | null {
  const m = tree.feature.length;
  const position = new Int32Array(m).fill(-1);
  const first = new Uint8Array(m);
  const leaf = new Int32Array(m).fill(-1);
  const depth: number[] = [];
  const featureAt: number[] = [];
  const features: number[] = [];
  const shares: number[] = [];
  const tableAt: number[] = [];
  const tables: Float64Array[] = [];
  let tableSize = 0;
  const pathFeatures: number[] = [];
  const pathShares: number[] = [];
  let tooDeep = false;
  const visit = (node: number): void => {
    if (tooDeep) return;
    const l = tree.left[node]!;
    if (l < 0) {
      const d = pathFeatures.length;
      leaf[node] = depth.length;
      depth.push(d);
      featureAt.push(features.length);
      features.push(...pathFeatures);
      shares.push(...pathShares);
      tableAt.push(tableSize);
      const t = leafTable(pathShares, tree.value[node]!);
      tables.push(t);
      tableSize += t.length;
      return;
    }
    const j = tree.feature[node]!;
    let p = pathFeatures.indexOf(j);
    const isNew = p < 0;
    if (isNew) {
      if (pathFeatures.length >= MAX_TABLE_DEPTH) {
        tooDeep = true;
        return;
      }
      p = pathFeatures.length;
      pathFeatures.push(j);
      pathShares.push(1);
    }
    position[node] = p;
    first[node] = isNew ? 1 : 0;
    for (const child of [l, tree.right[node]!]) {
      const saved = pathShares[p]!;
      pathShares[p] = saved * share(tree, node, child);
      visit(child);
      pathShares[p] = saved;
    }
    if (isNew) {
      pathFeatures.pop();
      pathShares.pop();
    }
  };
  visit(0);
  if (tooDeep) return null;
  const table = new Float64Array(tableSize);
  tables.forEach((t, i) => {
    table.set(t, tableAt[i]!);
  });
  return {
    position,
    first,
    leaf,
    depth: Int32Array.from(depth),
    featureAt: Int32Array.from(featureAt),
    features: Int32Array.from(features),
    shares: Float64Array.from(shares),
    tableAt: Int32Array.from(tableAt),
    table,
  };
}

/** table[A·d + p] = v · Σ_{S ⊆ A∖{p}} w(|S|) · Π_{q ∉ S ∪ {p}} z_q, for every set A and position p. */
function leafTable(z: readonly number[], v: number): Float64Array {
  const d = z.length;
  const full = (1 << d) - 1;
  // product[mask] = Π_{q ∈ mask} z_q
  const product = new Float64Array(1 << d);
  product[0] = 1;
  for (let mask = 1; mask <= full; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    product[mask] = product[mask & (mask - 1)]! * z[low]!;
  }
  const weight = new Float64Array(d);
  for (let s = 0; s < d; s++) weight[s] = 1 / (d * binomial(d - 1, s));
  const table = new Float64Array((1 << d) * d);
  for (let a = 0; a <= full; a++) {
    for (let p = 0; p < d; p++) {
      const bit = 1 << p;
      const within = a & ~bit;
      let sum = 0;
      // every S ⊆ within, the empty set last
      for (let s = within; ; s = (s - 1) & within) {
        sum += weight[popcount(s)]! * product[full & ~s & ~bit]!;
        if (s === 0) break;
      }
      table[a * d + p] = v * sum;
    }
  }
  return table;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * Adds one row's SHAP values for one tree to phi (per feature). `goesLeft` follows the ensemble's
 * split rule. A walk over every node carries the set A of path features the row agrees with.
 */
export function explainRowByTables(
  tree: DecisionTree,
  t: LeafTables,
  goesLeft: (node: number) => boolean,
  phi: Float64Array,
  stackNode: Int32Array,
  stackMask: Int32Array,
): void {
  let top = 0;
  stackNode[0] = 0;
  stackMask[0] = 0;
  top = 1;
  while (top > 0) {
    top--;
    const node = stackNode[top]!;
    const mask = stackMask[top]!;
    const l = tree.left[node]!;
    if (l < 0) {
      const leaf = t.leaf[node]!;
      const d = t.depth[leaf]!;
      const fa = t.featureAt[leaf]!;
      const row = t.tableAt[leaf]! + mask * d;
      for (let p = 0; p < d; p++) {
        const o = (mask >> p) & 1;
        phi[t.features[fa + p]!]! += (o - t.shares[fa + p]!) * t.table[row + p]!;
      }
      continue;
    }
    const bit = 1 << t.position[node]!;
    const hotMask = t.first[node] ? mask | bit : mask;
    const coldMask = mask & ~bit;
    const left = goesLeft(node);
    stackNode[top] = l;
    stackMask[top] = left ? hotMask : coldMask;
    top++;
    stackNode[top] = tree.right[node]!;
    stackMask[top] = left ? coldMask : hotMask;
    top++;
  }
}
