// Benchmark of the anomaly detectors. Build first:  npx tsc -b packages/core
// Usage: node bench/anomaly.mjs   (prints one table; each time is the median of several runs)
import {
  dbscan,
  iqrFences,
  isolationForest,
  localOutlierFactor,
  robustZScore,
  zScore,
} from '../packages/core/dist/anomaly/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';
import { blobs2d, gaussianMatrix } from './lib/samples.mjs';
import { formatMs, measure, printTable } from './lib/table.mjs';

const REPEATS = 5;

const rows = [];
async function bench(name, size, run, note) {
  const { ms, result } = await measure(run, { runs: REPEATS, warmup: 1 });
  rows.push([name, size, formatMs(ms), note(result)]);
}

const x100k = gaussianMatrix(100_000, 10, 1);
await bench(
  'isolationForest fit',
  '100k x 10',
  () => isolationForest(x100k, { seed: 1 }),
  (f) => `${f.nEstimators} trees, psi ${f.maxSamples}`,
);
const forest = isolationForest(x100k, { seed: 1 });
await bench(
  'isolationForest scoreSamples',
  '100k x 10',
  () => forest.scoreSamples(x100k),
  () => '',
);
await bench(
  'isolationForest fit + score',
  '100k x 10',
  () => isolationForest(x100k, { seed: 1 }).scoreSamples(x100k),
  () => 'target <= 500 ms',
);

const b50k = blobs2d(50_000, 2);
await bench(
  'dbscan',
  '50k x 2',
  () => dbscan(b50k, { eps: 0.1, minSamples: 5 }),
  (f) =>
    `eps 0.1: ${f.nClusters} clusters, ${f.isOutlier().reduce((a, v) => a + v, 0)} noise; target <= 1000 ms`,
);
await bench(
  'dbscan',
  '50k x 2',
  () => dbscan(b50k, { eps: 0.3, minSamples: 10 }),
  (f) => `eps 0.3: ${f.nClusters} clusters, ${f.isOutlier().reduce((a, v) => a + v, 0)} noise`,
);

const x20k = gaussianMatrix(20_000, 5, 3);
await bench(
  'localOutlierFactor',
  '20k x 5',
  () => localOutlierFactor(x20k, { nNeighbors: 20 }),
  () => 'k = 20',
);
await bench(
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
  await bench(
    `${name} fit + flag`,
    '1M',
    () => detector(million).flag(million),
    (f) => `${f.nOutliers} outliers`,
  );
}

console.log(`node ${process.version}, median of ${REPEATS} runs after 1 warm-up run`);
printTable(
  [
    { header: 'detector', align: 'left' },
    { header: 'size', align: 'left' },
    'ms',
    { header: 'notes', align: 'left' },
  ],
  rows,
);
