import { describe, expect, it } from 'vitest';
import { loadGolden, track } from '../../test/support/golden.js';
import { createRandom } from '../random/index.js';
import { checkConformance, type DetectorUnderTest, errorCode } from './conformance.js';
import { type DbscanParams, dbscan, FittedDbscan } from './dbscan.js';
import { type Matrix, matrixFromRows } from './matrix.js';

interface Case {
  name: string;
  x: number[][];
  eps: number;
  min_samples: number;
  labels: number[];
  core: number[];
}
const cases = loadGolden<{ cases: Case[] }>('anomaly-dbscan').cases;

/** Per row: its cluster if core, −1 for noise, −2 for a border row (whose cluster may depend on order). */
function coreStructure(f: FittedDbscan): Int32Array {
  const out = Int32Array.from(f.labels, (l) => (l < 0 ? -1 : -2));
  for (const i of f.coreSampleIndices) out[i] = f.labels[i]!;
  return out;
}

const detector: DetectorUnderTest<Matrix, DbscanParams, FittedDbscan> = {
  name: 'dbscan',
  fit: dbscan,
  fromJSON: FittedDbscan.fromJSON,
  outputs: (f) => [f.labels, f.coreSampleIndices, f.isOutlier()],
  // Core rows and noise do not depend on row order; a border row joins the first cluster found.
  rowOrder: { invariant: true, compare: 'partition', values: coreStructure },
};

describe('dbscan against sklearn.cluster.DBSCAN', () => {
  it(`has at least 30 golden cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const c of cases) {
    it(`${c.name} (${c.x.length} rows, eps ${c.eps}, minSamples ${c.min_samples})`, () => {
      const f = dbscan(matrixFromRows(c.x), { eps: c.eps, minSamples: c.min_samples });
      const mismatches = c.labels.filter((l, i) => l !== f.labels[i]).length;
      track('dbscan', mismatches, 0);
      // Identical labels, numbering included: clusters are numbered by their first core row in both.
      expect(Array.from(f.labels)).toEqual(c.labels);
      expect(Array.from(f.coreSampleIndices)).toEqual(c.core);
      expect(f.nClusters).toBe(new Set(c.labels.filter((l) => l >= 0)).size);
    });
  }
});

describe('dbscan behaviour', () => {
  const rng = createRandom(5);
  const blobs = matrixFromRows(
    Array.from({ length: 400 }, (_, i) => [
      rng.normal() * 0.4 + (i % 3) * 4,
      rng.normal() * 0.4 + (i % 2) * 3,
    ]),
  );

  it('passes the conformance checks', () => {
    checkConformance(detector, blobs, { eps: 0.5, minSamples: 5 });
    checkConformance(detector, blobs, { eps: 0.2, minSamples: 3 }, 7);
  });

  it('gives a border row reachable from two clusters to the first cluster numbered', () => {
    const a = [
      [0, 0],
      [0, 0.1],
      [0, -0.1],
      [-0.1, 0],
    ];
    const b = a.map(([x, y]) => [2 - x!, y!]);
    // The bridge is at distance exactly eps from (0, 0) and from (2, 0), with 3 < minSamples neighbours.
    const f = dbscan(matrixFromRows([[1, 0], ...b, ...a]), { eps: 1, minSamples: 4 });
    // The bridge (row 0) is not core; cluster 0 is b (its first core row is row 1).
    expect(f.coreSampleIndices[0]).toBe(1);
    expect(Array.from(f.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('reports noise as outliers', () => {
    const f = dbscan(matrixFromRows([[0], [0.1], [0.2], [5]]), { eps: 0.15, minSamples: 2 });
    expect(Array.from(f.labels)).toEqual([0, 0, 0, -1]);
    expect(Array.from(f.isOutlier())).toEqual([0, 0, 0, 1]);
  });

  it('rejects invalid parameters and non-finite data', () => {
    const m = matrixFromRows([[0, 0]]);
    expect(errorCode(() => dbscan(m, { eps: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => dbscan(m, { eps: 1, minSamples: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => dbscan(matrixFromRows([[Number.NaN, 0]]), { eps: 1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => dbscan({ data: new Float64Array(0), rows: 0, cols: 2 }, { eps: 1 }))).toBe(
      'EMPTY_INPUT',
    );
  });
});
