import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/index.js';
import {
  compileForest,
  MAX_PADDED_DEPTH,
  sumPathLengthsLinked,
  sumPathLengthsPadded,
} from './forest-scorer.js';
import { ForestBuilder, growIsolationTree } from './isolation-tree.js';
import type { Matrix } from './matrix.js';

function forest(m: Matrix, psi: number, nTrees: number, seed: number) {
  const rng = createRandom(seed);
  const builder = new ForestBuilder(16);
  const roots = new Int32Array(nTrees);
  const features = Int32Array.from({ length: m.cols }, (_, j) => j);
  const maxDepth = Math.ceil(Math.log2(psi));
  for (let t = 0; t < nTrees; t++) {
    const rows = Uint32Array.from({ length: psi }, () => rng.int(m.rows));
    roots[t] = growIsolationTree(m, rows, features, maxDepth, rng, builder);
  }
  return builder.finish(roots);
}

describe('padded forest scoring', () => {
  const rng = createRandom(2);
  const m: Matrix = {
    data: Float64Array.from({ length: 3000 * 3 }, () => rng.normal()),
    rows: 3000,
    cols: 3,
  };

  it('gives bit-identical sums to walking the linked nodes (odd row counts included)', () => {
    const nodes = forest(m, 256, 7, 1);
    const scorer = compileForest(nodes)!;
    expect(scorer.depth).toBe(8);
    for (const rows of [1, 3, 5, 257, 3000]) {
      const sub = m.data.subarray(0, rows * 3);
      const a = new Float64Array(rows);
      const b = new Float64Array(rows);
      sumPathLengthsPadded(scorer, sub, 3, a);
      sumPathLengthsLinked(nodes, sub, 3, b);
      expect(a).toEqual(b);
    }
  });

  it('falls back to the linked walk for trees deeper than the padding limit', () => {
    const nodes = forest(m, 2 ** (MAX_PADDED_DEPTH + 1) - 1000, 1, 3);
    expect(compileForest(nodes)).toBeUndefined();
  });
});
