// Benchmark of the mergeable sketches (KLL, HyperLogLog, frequent items, moments).
// Build first:  npx tsc -b packages/core
// Usage: node bench/stats-sketches.mjs [--quick]
// Prints one table: operation, n, median wall-clock milliseconds of 5 runs (after one warm-up
// run), the median CPU milliseconds of this process (steadier on a shared machine), and the
// throughput in million values per second; then the accuracy of the sketches built.
// Targets: KLL updateMany of 1e7 float64 well under 300 ms (≥ 50 M values/s).
import { createRandom } from '../packages/core/dist/random/index.js';
import {
  createFrequentItems,
  createHyperLogLog,
  createKllSketch,
  createMomentsSketch,
  KllSketch,
} from '../packages/core/dist/stats/sketches/index.js';
import { normals } from './lib/samples.mjs';
import { formatMs, measure, printTable } from './lib/table.mjs';

const REPEATS = 5;
const quick = process.argv.includes('--quick');
const BIG = quick ? 1_000_000 : 10_000_000;
const MID = quick ? 100_000 : 1_000_000;
const PARTS = 20;

/** Zipf-like integers: value v with probability ∝ 1/(v+1) over [0, 100000), as doubles. */
function zipfish(n, seed) {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.exp(rng.float() * Math.log(100_001))) - 1;
  return out;
}

const rows = [];
/** `n` values per run; `perValue: false` when n counts something else (no throughput then). */
async function bench(operation, n, run, perValue = true) {
  const { ms, cpuMs } = await measure(run, { runs: REPEATS, warmup: 1 });
  rows.push([operation, n, formatMs(ms), formatMs(cpuMs), perValue ? (n / ms / 1000).toFixed(1) : '-']);
}

const x = normals(BIG, 1);
const xMid = x.subarray(0, MID);
const strings = Array.from({ length: MID }, (_, i) => `user-${i}-${(i * 7919) % 1000}`);
const zipf = zipfish(BIG, 2);

await bench(`KLL updateMany (k = 200)`, BIG, () => createKllSketch().updateMany(x));
await bench(`KLL updateMany (k = 200)`, MID, () => createKllSketch().updateMany(xMid));
await bench('KLL update, one value at a time', MID, () => {
  const s = createKllSketch();
  for (let i = 0; i < MID; i++) s.update(xMid[i]);
});
const partSize = Math.floor(BIG / PARTS);
const parts = Array.from({ length: PARTS }, (_, p) => {
  const s = createKllSketch({ seed: p });
  s.updateMany(x.subarray(p * partSize, (p + 1) * partSize));
  return s;
});
await bench(`KLL merge of ${PARTS} sketches`, PARTS, () => parts.reduce((m, s) => m.merge(s)), false);
const merged = parts.reduce((m, s) => m.merge(s));
const qs = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
await bench(
  'KLL 99 quantiles (incl. fromJSON)',
  99,
  () => KllSketch.fromJSON(merged.toJSON()).quantiles(qs),
  false,
);
await bench(
  'KLL toJSON + stringify + parse + fromJSON',
  1,
  () => KllSketch.fromJSON(JSON.parse(JSON.stringify(merged.toJSON()))),
  false,
);

await bench('HLL addNumbers (p = 14)', BIG, () => createHyperLogLog().addNumbers(x));
await bench('HLL addStrings (p = 14)', MID, () => createHyperLogLog().addStrings(strings));
await bench('frequent items addMany (capacity 256)', BIG, () => createFrequentItems().addMany(zipf));
await bench('frequent items addMany strings', MID, () => createFrequentItems().addMany(strings));
await bench('moments updateMany', BIG, () => createMomentsSketch().updateMany(x));

printTable(['operation', 'n', 'wall ms', 'cpu ms', 'M/s'], rows);

// Accuracy of what was built (MID values, so the exact ranks are cheap to get).
const sorted = xMid.slice().sort();
const kll = createKllSketch();
kll.updateMany(xMid);
let worst = 0;
for (let i = 1; i < 1000; i++) {
  const v = sorted[Math.floor((i * MID) / 1000)];
  let lo = 0;
  let hi = MID;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  worst = Math.max(worst, Math.abs(kll.rank(v) - lo / MID));
}
const hll = createHyperLogLog();
hll.addNumbers(x);
console.log(
  `\nKLL k=200 on ${MID}: worst rank error ${worst.toFixed(5)} (ε = ${kll.errorBound().toFixed(5)}), ` +
    `${kll.numRetained} values retained`,
);
console.log(
  `HLL p=14 on ${BIG} distinct: estimate ${hll.estimate().toFixed(0)} ` +
    `(relative error ${(hll.estimate() / BIG - 1).toFixed(5)}, standard error ${hll.relativeStandardError().toFixed(5)})`,
);
