// Benchmarks for stats/dependence. Build first:
//   npx tsc -b packages/core && node bench/stats-dependence.mjs
// Prints the median wall time of a few runs per kernel (the machine is shared: medians, not means).
import { createRandom } from '../packages/core/dist/random/index.js';
import {
  kendalltau,
  mutualInfoScore,
  pairwiseCorrelation,
  pearsonr,
  spearmanr,
} from '../packages/core/dist/stats/dependence/index.js';
import { normals } from './lib/samples.mjs';
import { formatMs, measure, printTable } from './lib/table.mjs';

function labels(n, k, seed, of) {
  const rng = createRandom(seed);
  const x = new Int32Array(n);
  for (let i = 0; i < n; i++) x[i] = of && rng.float() < 0.3 ? of[i] % k : rng.int(k);
  return x;
}

const u = normals(1_000_000, 1);
const v = normals(1_000_000, 2, { of: u });
const u100k = u.subarray(0, 100_000);
const v100k = v.subarray(0, 100_000);
const columns = [u];
for (let j = 1; j < 20; j++) columns.push(normals(1_000_000, 10 + j, { of: columns[j - 1], rho: 0.5 }));
const withNaN = columns.map((c, j) => {
  if (j % 4 !== 0) return c;
  const out = c.slice();
  for (let i = j; i < out.length; i += 50) out[i] = Number.NaN;
  return out;
});
const la = labels(1_000_000, 20, 3);
const lb = labels(1_000_000, 15, 4, la);

const rows = [
  ['pearsonr 1M', () => pearsonr(u, v).statistic, 7],
  ['spearmanr 1M', () => spearmanr(u, v).statistic, 5],
  ['kendalltau 100k', () => kendalltau(u100k, v100k).statistic, 5],
  ['kendalltau 1M', () => kendalltau(u, v).statistic, 3],
  ['pairwiseCorrelation 1M x 20 pearson', () => pairwiseCorrelation(columns).data[1], 3],
  ['pairwiseCorrelation 1M x 20 pearson, 5 cols 2% NaN', () => pairwiseCorrelation(withNaN).data[1], 3],
  [
    'pairwiseCorrelation 1M x 20 spearman',
    () => pairwiseCorrelation(columns, { method: 'spearman' }).data[1],
    1,
  ],
  ['mutualInfoScore 1M (20 x 15 labels)', () => mutualInfoScore(la, lb), 7],
];
const table = [];
for (const [name, fn, runs] of rows) {
  const { ms, result } = await measure(fn, { runs, warmup: 0 });
  table.push([name, formatMs(ms), Number(result).toPrecision(6)]);
}
printTable(['kernel', 'median ms', { header: 'result', align: 'left' }], table);
