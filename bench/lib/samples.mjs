/**
 * Seeded inputs for the kernel benchmarks (bench/stats*.mjs, bench/anomaly.mjs), drawn from Vigie's
 * own generator so every run and every script times the same numbers. Needs the built core.
 */
import { createRandom } from '../../packages/core/dist/random/index.js';

/** n values of `shift` + N(0, 1), or rho·of[i] + N(0, 1) + shift when `of` is given. */
export function normals(n, seed, { shift = 0, of, rho = 0.3 } = {}) {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (of ? rho * of[i] : 0) + rng.normal() + shift;
  return out;
}

/** A row-major rows × cols matrix of independent N(0, 1) values, as the anomaly detectors take it. */
export function gaussianMatrix(rows, cols, seed) {
  const rng = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { data, rows, cols };
}

const BLOB_CENTRES = [
  [0, 0],
  [6, 6],
  [-6, 5],
  [5, -6],
  [-5, -5],
];

/** `rows` 2-D points: five unit-variance blobs and 5% uniform background noise on [-12, 12]². */
export function blobs2d(rows, seed) {
  const rng = createRandom(seed);
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    if (i % 20 === 0) {
      data[2 * i] = rng.float() * 24 - 12;
      data[2 * i + 1] = rng.float() * 24 - 12;
    } else {
      const c = BLOB_CENTRES[i % 5];
      data[2 * i] = c[0] + rng.normal();
      data[2 * i + 1] = c[1] + rng.normal();
    }
  }
  return { data, rows, cols: 2 };
}
