import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectClose,
  expectGolden,
  loadGolden,
  STAT_TOL,
  type Tolerance,
} from '../../../test/support/golden.js';
import { conditionNumber, correlationMatrix, eigh, type Matrix, matrixFromRows, pca, vif } from './index.js';

const golden = loadGolden('multivariate');
const matrices: Record<string, number[][]> = golden.matrices;
const M = (name: string): Matrix => matrixFromRows(matrices[name]!);

/** 1e-9 relative, or 1e-12 of the largest magnitude in the same output (both sides carry eps·max rounding). */
function scaledTol(values: ArrayLike<number>): Tolerance {
  let max = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i]!)) max = Math.max(max, Math.abs(values[i]!));
  return { rel: 1e-9, abs: 1e-12 * max };
}

describe('pca', () => {
  it('matches sklearn.decomposition.PCA(svd_solver="full")', () => {
    for (const c of golden.pca) {
      const label = `${c.matrix} ${JSON.stringify(c.options)}`;
      const got = pca(M(c.matrix), c.options);
      const k: number = c.singularValues.length;
      expect(got.components.rows, label).toBe(k);
      for (const key of ['singularValues', 'explainedVariance', 'explainedVarianceRatio', 'mean'] as const) {
        const tol = scaledTol(c[key]);
        for (let t = 0; t < c[key].length; t++) {
          expectGolden('pca', got[key][t]!, c[key][t], tol, `${label} ${key}[${t}]`);
        }
      }
      if (c.scale)
        for (let j = 0; j < c.scale.length; j++)
          expectGolden('pca', got.scale![j]!, c.scale[j], STAT_TOL, label);
      expectGolden(
        'pca',
        got.noiseVariance,
        c.noiseVariance,
        scaledTol(c.explainedVariance),
        `${label} noise`,
      );
      const cols = got.components.cols;
      for (let t = 0; t < k; t++) {
        // A component is determined only when its singular value is separated from its
        // neighbours and from zero (flag computed by the generator); its sign then follows
        // svd_flip, unless two entries tie for the largest magnitude.
        if (!c.comparable[t]) continue;
        const expected: number[] = c.components[t];
        const row = got.components.data.subarray(t * cols, (t + 1) * cols);
        const sign = c.signAmbiguous[t] && row.reduce((acc, x, j) => acc + x * expected[j]!, 0) < 0 ? -1 : 1;
        for (let j = 0; j < cols; j++) {
          expectGolden('pca', sign * row[j]!, expected[j]!, { abs: 1e-9 }, `${label} components[${t}][${j}]`);
        }
      }
    }
  });

  it('gives orthonormal components and ratios summing to 1', () => {
    const matrix = fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) =>
      fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
    fc.assert(
      fc.property(matrix, (rows) => {
        const x = matrixFromRows(rows);
        const res = pca(x);
        const { data, rows: k, cols } = res.components;
        const total = res.explainedVarianceRatio.reduce((a, b) => a + b, 0);
        if (res.singularValues[0]! > 1e-6) expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        for (let a = 0; a < k; a++) {
          for (let b = a; b < k; b++) {
            let dot = 0;
            for (let j = 0; j < cols; j++) dot += data[a * cols + j]! * data[b * cols + j]!;
            expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-9);
          }
        }
      }),
      {
        numRuns: 60,
        // Subnormal input once overflowed the power-of-two scaling (2^1074) into NaN components.
        examples: [
          [
            [
              [0, 0],
              [0, 5e-324],
            ],
          ],
        ],
      },
    );
  });

  it('validates its input', () => {
    expect(() => pca(matrixFromRows([[1, 2]]))).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() =>
      pca(
        matrixFromRows([
          [1, Number.NaN],
          [2, 3],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => pca(M('tiny_3x2'), { nComponents: 3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => pca({ data: new Float64Array(3), rows: 2, cols: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('vif', () => {
  it('matches statsmodels variance_inflation_factor on add_constant(X)', () => {
    for (const c of golden.vif) {
      const got = vif(M(c.matrix));
      for (let j = 0; j < c.expected.length; j++) {
        const expected: number = c.expected[j];
        const label = `${c.matrix}[${j}]`;
        if (expected >= 1e15) {
          // statsmodels 0.15 clips R² at 1 − 1e-15, so exact collinearity reads 1.0008e15;
          // Vigie reports the exact answer, Infinity.
          expect(got[j], label).toBe(Number.POSITIVE_INFINITY);
          continue;
        }
        if (isConstant(matrices[c.matrix]!, j)) {
          // A constant column has no variance to explain: Vigie says NaN where statsmodels
          // returns NaN or 1 depending on whether the constant is 0.
          expect(got[j], label).toBeNaN();
          continue;
        }
        // Both sides lose about eps·VIF relative (the residual is 1/sqrt(VIF) of the column).
        const tol = { rel: Math.max(1e-9, 1e-14 * expected) };
        expectGolden('vif', got[j]!, expected, tol, label);
      }
    }
  });

  it('is at least 1 and invariant to column scaling and shifting', () => {
    const base = M('correlated_200x4');
    const v = vif(base);
    const moved = { ...base, data: base.data.map((x, i) => (i % 4 === 2 ? x * 1e6 - 3e8 : x)) };
    const w = vif(moved);
    for (let j = 0; j < 4; j++) {
      expect(v[j]).toBeGreaterThanOrEqual(1);
      expectClose(w[j]!, v[j]!, { rel: 1e-9 });
    }
  });
});

function isConstant(rows: number[][], j: number): boolean {
  return rows.every((r) => r[j] === rows[0]![j]);
}

describe('conditionNumber', () => {
  it('matches numpy.linalg.cond on the raw and the standardized matrix', () => {
    for (const c of golden.conditionNumber) {
      const got = conditionNumber(M(c.matrix), { standardize: c.standardize });
      const label = `${c.matrix} standardize=${c.standardize}`;
      if (c.expected > 1e13) {
        // Singular matrix: the smallest singular value is rounding noise on both sides.
        expect(got, label).toBeGreaterThan(1e13);
        continue;
      }
      // cond carries the relative error of the smallest singular value, about eps·cond.
      expectGolden('conditionNumber', got, c.expected, { rel: Math.max(1e-9, 1e-14 * c.expected) }, label);
    }
  });
});

describe('correlationMatrix', () => {
  it('matches numpy.corrcoef(X, rowvar=False)', () => {
    for (const c of golden.correlationMatrix) {
      const got = correlationMatrix(M(c.matrix));
      const p = got.cols;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          expectGolden(
            'correlationMatrix',
            got.data[i * p + j]!,
            c.expected[i][j],
            { rel: 1e-9, abs: 1e-14 },
            c.matrix,
          );
        }
      }
    }
  });
});

describe('eigh', () => {
  it('matches numpy.linalg.eigh', () => {
    for (const c of golden.eigh) {
      const a = matrixFromRows(c.matrix);
      const got = eigh(a);
      const n = a.rows;
      const tol = scaledTol(c.eigenvalues);
      for (let t = 0; t < n; t++) {
        expectGolden('eigh', got.eigenvalues[t]!, c.eigenvalues[t], tol, `${c.name} eigenvalue ${t}`);
        // Repeated eigenvalues have no unique vectors; check A v = λ v there instead.
        const v = Array.from({ length: n }, (_, i) => got.eigenvectors.data[i * n + t]!);
        if (c.separated[t]) {
          const expected = Array.from({ length: n }, (_, i) => c.eigenvectors[i][t] as number);
          const mags = expected.map(Math.abs).sort((x, y) => y - x);
          // two entries tied for the largest magnitude leave the sign convention undecided
          const tied = n > 1 && mags[0]! - mags[1]! < 1e-9;
          const sign = tied && v.reduce((acc, x, i) => acc + x * expected[i]!, 0) < 0 ? -1 : 1;
          for (let i = 0; i < n; i++) {
            expectGolden('eigh', sign * v[i]!, expected[i]!, { abs: 1e-9 }, `${c.name} vector ${t}`);
          }
        }
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += c.matrix[i][j] * v[j]!;
          expect(Math.abs(av - got.eigenvalues[t]! * v[i]!)).toBeLessThanOrEqual(
            1e-10 * Math.max(1, tol.abs! * 1e12),
          );
        }
      }
    }
  });

  it('rejects non-square input', () => {
    expect(() => eigh(matrixFromRows([[1, 2]]))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
