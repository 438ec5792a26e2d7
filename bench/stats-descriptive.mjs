// Benchmark of the descriptive-statistics kernels. Build first:  npx tsc -b packages/core
// Usage: node bench/stats-descriptive.mjs [--quick]
// Prints one table: operation, n, median wall-clock milliseconds of 5 runs (after one warm-up
// run), and the median CPU milliseconds of this process, steadier on a shared machine.
// Targets: moments of 1e7 <= 25 ms; 5 exact quantiles of 1e7 <= 0.6 s.
import {
  argsortFloat64,
  histogram,
  histogramUniform,
  mean,
  moments,
  quantile,
  quantiles,
  rankdata,
  sortFloat64,
  sum,
  variance,
} from '../packages/core/dist/stats/index.js';
import { normals } from './lib/samples.mjs';
import { formatMs, measure, printTable } from './lib/table.mjs';

const REPEATS = 5;
const quick = process.argv.includes('--quick');
const BIG = quick ? 1_000_000 : 10_000_000;
const MID = quick ? 100_000 : 1_000_000;
const FIVE = [0.05, 0.25, 0.5, 0.75, 0.95];

/** The same quantiles read from a full sort, to compare with selection. */
function quantilesBySort(x, qs) {
  const s = sortFloat64(x);
  return qs.map((q) => {
    const v = (s.length - 1) * q;
    const lo = Math.floor(v);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (s[hi] - s[lo]) * (v - lo);
  });
}

const big = normals(BIG, 1);
const mid = normals(MID, 2);
const ties = Float64Array.from(mid, (v) => Math.round(v * 20));
const quantileEdges = quantiles(
  big.subarray(0, 100_000),
  Array.from({ length: 21 }, (_, i) => i / 20),
);
quantileEdges[0] = -10;
quantileEdges[20] = 10;

const rows = [
  ['moments (n, mean, m2..m4, min, max)', BIG, () => moments(big)],
  ['mean (numpy pairwise)', BIG, () => mean(big)],
  ['variance (numpy two-pass)', BIG, () => variance(big)],
  ['sum (compensated)', BIG, () => sum(big)],
  ['quantile x1 (selection)', BIG, () => quantile(big, 0.5)],
  ['quantile x1 (full radix sort)', BIG, () => quantilesBySort(big, [0.5])],
  ['quantiles x5 (selection)', BIG, () => quantiles(big, FIVE)],
  ['quantiles x5 (full radix sort)', BIG, () => quantilesBySort(big, FIVE)],
  [
    'quantiles x25 (selection)',
    BIG,
    () =>
      quantiles(
        big,
        Array.from({ length: 25 }, (_, i) => (i + 0.5) / 25),
      ),
  ],
  [
    'quantiles x101 (sort, chosen above 48 ranks)',
    BIG,
    () =>
      quantiles(
        big,
        Array.from({ length: 101 }, (_, i) => i / 100),
      ),
  ],
  ['sortFloat64 (radix)', BIG, () => sortFloat64(big)],
  ['Float64Array.prototype.sort (native)', BIG, () => big.slice().sort()],
  ['argsortFloat64 (stable radix)', MID, () => argsortFloat64(mid)],
  ['rankdata average (continuous)', MID, () => rankdata(mid)],
  ['rankdata average (many ties)', MID, () => rankdata(ties)],
  ['histogramUniform 100 bins', BIG, () => histogramUniform(big, -5, 5, 100)],
  ['histogram, 20 quantile edges', BIG, () => histogram(big, quantileEdges)],
];

const table = [];
for (const [name, n, run] of rows) {
  const { ms, cpuMs } = await measure(run, { runs: REPEATS, warmup: 1 });
  table.push([name, n, formatMs(ms), formatMs(cpuMs)]);
}
printTable(['operation', 'n', 'median ms', 'cpu ms'], table);
