// Benchmarks for stats/distances, multivariate and resampling. Build first:
//   npx tsc -b packages/core && node bench/stats-distances.mjs
// Prints the median wall time of a few runs per kernel (the machine is shared: medians, not means).
import { createRandom } from '../packages/core/dist/random/index.js';
import { psi, wassersteinDistance } from '../packages/core/dist/stats/distances/index.js';
import { pca, vif } from '../packages/core/dist/stats/multivariate/index.js';
import { bootstrap } from '../packages/core/dist/stats/resampling/index.js';

function normals(n, seed, shift = 0) {
  const rng = createRandom(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal() + shift;
  return x;
}

function matrix(rows, cols, seed) {
  const rng = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const common = rng.normal();
    for (let j = 0; j < cols; j++) data[i * cols + j] = 0.5 * common + rng.normal();
  }
  return { data, rows, cols };
}

function time(fn, runs) {
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const u = normals(1_000_000, 1);
const v = normals(1_000_000, 2, 0.1);
const x = matrix(100_000, 20, 3);
const sample = normals(10_000, 4);
const mean = (s) => {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i];
  return t / s.length;
};

const rows = [
  ['wassersteinDistance 1M vs 1M', () => wassersteinDistance(u, v), 7],
  ['psi 1M vs 1M (10 quantile bins)', () => psi(u, v), 7],
  ['pca 100k x 20', () => pca(x).explainedVarianceRatio[0], 5],
  ['vif 100k x 20', () => vif(x)[0], 5],
  [
    'bootstrap mean n=10k, 9999 percentile',
    () => bootstrap([sample], mean, { method: 'percentile' }).standardError,
    3,
  ],
  ['bootstrap mean n=10k, 9999 BCa', () => bootstrap([sample], mean).standardError, 3],
];
console.log(`${'kernel'.padEnd(40)}${'median ms'.padStart(12)}  result`);
for (const [name, fn, runs] of rows) {
  const { ms, result } = time(fn, runs);
  console.log(`${name.padEnd(40)}${ms.toFixed(1).padStart(12)}  ${Number(result).toPrecision(6)}`);
}
