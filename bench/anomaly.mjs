// Benchmark of the anomaly detectors. Build first:  npx tsc -b packages/core
// Usage: node bench/anomaly.mjs   (prints one table; each time is the median of several runs)
import { performance } from 'node:perf_hooks';
import {
  dbscan,
  iqrFences,
  isolationForest,
  localOutlierFactor,
  robustZScore,
  zScore,
} from '../packages/core/dist/anomaly/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';

const REPEATS = 5;

function gaussianMatrix(rows, cols, seed) {
  const rng = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { data, rows, cols };
}

/** `rows` 2-D points: five unit-variance blobs and 5% uniform background noise. */
function blobs2d(rows, seed) {
  const rng = createRandom(seed);
  const centres = [
    [0, 0],
    [6, 6],
    [-6, 5],
    [5, -6],
    [-5, -5],
  ];
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    if (i % 20 === 0) {
      data[2 * i] = rng.float() * 24 - 12;
      data[2 * i + 1] = rng.float() * 24 - 12;
    } else {
      const c = centres[i % 5];
      data[2 * i] = c[0] + rng.normal();
      data[2 * i + 1] = c[1] + rng.normal();
    }
  }
  return { data, rows, cols: 2 };
}

function time(run) {
  const times = [];
  let result;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    result = run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const rows = [];
function bench(name, size, run, note) {
  const { ms, result } = time(run);
  rows.push({ name, size, ms, note: note(result) });
}

const x100k = gaussianMatrix(100_000, 10, 1);
bench(
  'isolationForest fit',
  '100k x 10',
  () => isolationForest(x100k, { seed: 1 }),
  (f) => `${f.nEstimators} trees, psi ${f.maxSamples}`,
);
const forest = isolationForest(x100k, { seed: 1 });
bench(
  'isolationForest scoreSamples',
  '100k x 10',
  () => forest.scoreSamples(x100k),
  () => '',
);
bench(
  'isolationForest fit + score',
  '100k x 10',
  () => isolationForest(x100k, { seed: 1 }).scoreSamples(x100k),
  () => 'target <= 500 ms',
);

const b50k = blobs2d(50_000, 2);
bench(
  'dbscan',
  '50k x 2',
  () => dbscan(b50k, { eps: 0.1, minSamples: 5 }),
  (f) =>
    `eps 0.1: ${f.nClusters} clusters, ${f.isOutlier().reduce((a, v) => a + v, 0)} noise; target <= 1000 ms`,
);
bench(
  'dbscan',
  '50k x 2',
  () => dbscan(b50k, { eps: 0.3, minSamples: 10 }),
  (f) => `eps 0.3: ${f.nClusters} clusters, ${f.isOutlier().reduce((a, v) => a + v, 0)} noise`,
);

const x20k = gaussianMatrix(20_000, 5, 3);
bench(
  'localOutlierFactor',
  '20k x 5',
  () => localOutlierFactor(x20k, { nNeighbors: 20 }),
  () => 'k = 20',
);
bench(
  'localOutlierFactor novelty score',
  '20k x 5',
  () => localOutlierFactor(x20k, { nNeighbors: 20, novelty: true }).scoreSamples(x20k),
  () => 'fit + score 20k new rows',
);

const rng = createRandom(4);
const million = new Float64Array(1_000_000);
for (let i = 0; i < million.length; i++) million[i] = rng.normal();
for (const [name, detector] of [
  ['zScore', zScore],
  ['robustZScore', robustZScore],
  ['iqrFences', iqrFences],
]) {
  bench(
    `${name} fit + flag`,
    '1M',
    () => detector(million).flag(million),
    (f) => `${f.nOutliers} outliers`,
  );
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`node ${process.version}, median of ${REPEATS} runs`);
console.log(`${'detector'.padEnd(width)}  ${'size'.padEnd(9)}  ${'ms'.padStart(8)}  notes`);
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${r.size.padEnd(9)}  ${r.ms.toFixed(1).padStart(8)}  ${r.note}`);
}
