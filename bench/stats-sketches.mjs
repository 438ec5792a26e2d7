// Benchmark of the mergeable sketches (KLL, HyperLogLog, frequent items, moments).
// Build first:  npx tsc -b packages/core
// Usage: node bench/stats-sketches.mjs [--quick]
// Prints one table: operation, n, median wall-clock milliseconds of 5 runs (after one warm-up
// run), the median CPU milliseconds of this process (steadier on a shared machine), and the
// throughput in million values per second; then the accuracy of the sketches built.
// Targets: KLL updateMany of 1e7 float64 well under 300 ms (≥ 50 M values/s).
import { performance } from 'node:perf_hooks';
import { createRandom } from '../packages/core/dist/random/index.js';
import {
  createFrequentItems,
  createHyperLogLog,
  createKllSketch,
  createMomentsSketch,
  KllSketch,
} from '../packages/core/dist/stats/sketches/index.js';

const REPEATS = 5;
const quick = process.argv.includes('--quick');
const BIG = quick ? 1_000_000 : 10_000_000;
const MID = quick ? 100_000 : 1_000_000;
const PARTS = 20;

function normals(n, seed) {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/** Zipf-like integers: value v with probability ∝ 1/(v+1) over [0, 100000), as doubles. */
function zipfish(n, seed) {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.exp(rng.float() * Math.log(100_001))) - 1;
  return out;
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(run) {
  run();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < REPEATS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const rows = [];
/** `n` values per run; `perValue: false` when n counts something else (no throughput then). */
function bench(operation, n, run, perValue = true) {
  const { wall, cpu } = time(run);
  rows.push({ operation, n, wall, cpu, rate: perValue ? n / wall / 1000 : Number.NaN });
}

const x = normals(BIG, 1);
const xMid = x.subarray(0, MID);
const strings = Array.from({ length: MID }, (_, i) => `user-${i}-${(i * 7919) % 1000}`);
const zipf = zipfish(BIG, 2);

bench(`KLL updateMany (k = 200)`, BIG, () => createKllSketch().updateMany(x));
bench(`KLL updateMany (k = 200)`, MID, () => createKllSketch().updateMany(xMid));
bench('KLL update, one value at a time', MID, () => {
  const s = createKllSketch();
  for (let i = 0; i < MID; i++) s.update(xMid[i]);
});
const partSize = Math.floor(BIG / PARTS);
const parts = Array.from({ length: PARTS }, (_, p) => {
  const s = createKllSketch({ seed: p });
  s.updateMany(x.subarray(p * partSize, (p + 1) * partSize));
  return s;
});
bench(`KLL merge of ${PARTS} sketches`, PARTS, () => parts.reduce((m, s) => m.merge(s)), false);
const merged = parts.reduce((m, s) => m.merge(s));
const qs = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
bench(
  'KLL 99 quantiles (incl. fromJSON)',
  99,
  () => KllSketch.fromJSON(merged.toJSON()).quantiles(qs),
  false,
);
bench(
  'KLL toJSON + stringify + parse + fromJSON',
  1,
  () => KllSketch.fromJSON(JSON.parse(JSON.stringify(merged.toJSON()))),
  false,
);

bench('HLL addNumbers (p = 14)', BIG, () => createHyperLogLog().addNumbers(x));
bench('HLL addStrings (p = 14)', MID, () => createHyperLogLog().addStrings(strings));
bench('frequent items addMany (capacity 256)', BIG, () => createFrequentItems().addMany(zipf));
bench('frequent items addMany strings', MID, () => createFrequentItems().addMany(strings));
bench('moments updateMany', BIG, () => createMomentsSketch().updateMany(x));

const pad = (s, w) => String(s).padEnd(w);
const num = (v, d = 1) => (Number.isNaN(v) ? '-' : v.toFixed(d)).padStart(10);
console.log(
  `${pad('operation', 44)}${'n'.padStart(12)}${'wall ms'.padStart(10)}${'cpu ms'.padStart(10)}${'M/s'.padStart(10)}`,
);
for (const r of rows) {
  console.log(`${pad(r.operation, 44)}${String(r.n).padStart(12)}${num(r.wall)}${num(r.cpu)}${num(r.rate)}`);
}

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
