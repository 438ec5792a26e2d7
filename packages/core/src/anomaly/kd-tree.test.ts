import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKnnScratch, kNearest } from './kd-nearest.js';
import { countWithin, IndexBuffer, rowsWithin } from './kd-radius.js';
import { buildKdTree, createStack } from './kd-tree.js';
import { type Matrix, matrixFromRows } from './matrix.js';

function d2(m: Matrix, i: number, q: Float64Array, qOff: number): number {
  let s = 0;
  for (let j = 0; j < m.cols; j++) {
    const diff = q[qOff + j]! - m.data[i * m.cols + j]!;
    s += diff * diff;
  }
  return s;
}

/** Small integer coordinates: many exact ties and duplicates, the hard cases for a tree. */
const pointsArb = fc.integer({ min: 1, max: 4 }).chain((cols) =>
  fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: cols, maxLength: cols }), {
    minLength: 1,
    maxLength: 120,
  }),
);

describe('k-d tree queries agree with brute force', () => {
  it('counts and lists the rows within a radius (≤ r, ties included)', () => {
    fc.assert(
      fc.property(
        pointsArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (rows, r2, leaf) => {
          const m = matrixFromRows(rows);
          const t = buildKdTree(m, leaf);
          const stack = createStack(t);
          const buf = new IndexBuffer();
          for (let i = 0; i < m.rows; i++) {
            const want: number[] = [];
            for (let k = 0; k < m.rows; k++) if (d2(m, k, m.data, i * m.cols) <= r2) want.push(k);
            rowsWithin(t, m.data, i * m.cols, r2, buf, stack);
            const got = Array.from(buf.values.subarray(0, buf.length)).sort((a, b) => a - b);
            if (JSON.stringify(got) !== JSON.stringify(want)) return false;
            if (countWithin(t, m.data, i * m.cols, r2, Number.POSITIVE_INFINITY, stack) !== want.length)
              return false;
            if (countWithin(t, m.data, i * m.cols, r2, 3, stack) < Math.min(3, want.length)) return false;
          }
          return true;
        },
      ),
    );
  });

  it('finds the k nearest other rows, ties to the lowest row index', () => {
    fc.assert(
      fc.property(
        pointsArb,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        (rows, k0, leaf) => {
          fc.pre(rows.length >= 2);
          const m = matrixFromRows(rows);
          const k = Math.min(k0, m.rows - 1);
          const t = buildKdTree(m, leaf);
          const scratch = createKnnScratch(t);
          const dist = new Float64Array(k);
          const idx = new Int32Array(k);
          for (let i = 0; i < m.rows; i++) {
            const want = Array.from({ length: m.rows }, (_, j) => j)
              .filter((j) => j !== i)
              .map((j) => [d2(m, j, m.data, i * m.cols), j] as const)
              .sort((a, b) => a[0] - b[0] || a[1] - b[1])
              .slice(0, k);
            kNearest(t, m.data, i * m.cols, k, i, dist, idx, scratch);
            const got = Array.from(idx, (j, s) => [dist[s]!, j] as const).sort(
              (a, b) => a[0] - b[0] || a[1] - b[1],
            );
            if (JSON.stringify(got) !== JSON.stringify(want)) return false;
            if (dist[0] !== want[k - 1]![0]) return false; // the heap top is the k-th distance
          }
          return true;
        },
      ),
    );
  });

  it('keeps the rows in tree order with their original indices', () => {
    const m = matrixFromRows([[3], [1], [2], [1], [0]]);
    const t = buildKdTree(m, 1);
    expect(Array.from(t.order).sort()).toEqual([0, 1, 2, 3, 4]);
    t.order.forEach((row, p) => {
      expect(t.points[p]).toBe(m.data[row]);
    });
  });
});
