// Benchmarks for stats/distances, multivariate and resampling. Build first:
//   npx tsc -b packages/core && node bench/stats-distances.mjs
// Prints the median wall time of a few runs per kernel (the machine is shared: medians, not means).
import { createRandom } from '../packages/core/dist/random/index.js';
import { psi, wassersteinDistance } from '../packages/core/dist/stats/distances/index.js';
import { pca, vif } from '../packages/core/dist/stats/multivariate/index.js';
import { bootstrap } from '../packages/core/dist/stats/resampling/index.js';
import { normals } from './lib/samples.mjs';
import { formatMs, measure, printTable } from './lib/table.mjs';

function matrix(rows, cols, seed) {
  const rng = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const common = rng.normal();
    for (let j = 0; j < cols; j++) data[i * cols + j] = 0.5 * common + rng.normal();
  }
  return { data, rows, cols };
}

const u = normals(1_000_000, 1);
const v = normals(1_000_000, 2, { shift: 0.1 });
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
const table = [];
for (const [name, fn, runs] of rows) {
  const { ms, result } = await measure(fn, { runs, warmup: 0 });
  table.push([name, formatMs(ms), Number(result).toPrecision(6)]);
}
printTable(['kernel', 'median ms', { header: 'result', align: 'left' }], table);
