#!/usr/bin/env node
/**
 * The gradient-boosting benchmark (`npm run bench:gbdt`): Vigie's fitGbdt on 1M generated rows ×
 * 20 features (binary log loss, 100 trees, 31 leaves, depth 6, no early stopping), in-process
 * prediction of the same 1M rows, and exact Tree SHAP on 10k rows — side by side with LightGBM
 * (Tree SHAP: its pred_contrib) and scikit-learn's HistGradientBoostingClassifier at the same
 * settings when bench/peers/.venv exists (see bench/peers/README.md). Held-out log loss and
 * accuracy on 200k more rows show the three learn the same.
 *
 * Times are medians (the machine is shared: the load average is printed). Training runs
 * --fit-runs times, the rest --runs times after a warm-up. Targets: training within 2× of
 * LightGBM, prediction ≥ 1M rows/s, Tree SHAP of 10k rows ≤ 2 s.
 *
 *   node bench/gbdt.mjs [--rows 1000000] [--runs 5] [--fit-runs 3] [--threads N] [--no-python]
 *
 * Build first: npx tsc -b packages/core. Takes about 2 minutes with Python.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fitGbdt, treeShap } from '../packages/core/dist/models/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';
import { findPython, runPeerScript } from './lib/peers.mjs';
import { codeVersion, formatRatio, machineSummary, measure, peakRssMb, printTable } from './lib/table.mjs';

const USAGE =
  'usage: node bench/gbdt.mjs [--rows 1000000] [--runs 5] [--fit-runs 3] [--threads N] [--no-python]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
      'fit-runs': { type: 'string', default: '3' },
      threads: { type: 'string' },
      'no-python': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`gbdt: ${error.message}\n${USAGE}`);
  process.exit(2);
}
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const FIT_RUNS = Number(args['fit-runs']);
const THREADS = args.threads === undefined ? undefined : Number(args.threads);
if (![ROWS, RUNS, FIT_RUNS].every((v) => Number.isSafeInteger(v) && v >= 1)) {
  console.error(`gbdt: --rows, --runs and --fit-runs must be positive integers\n${USAGE}`);
  process.exit(2);
}
const FEATURES = 20;
const TEST_ROWS = 200_000;
const SHAP_ROWS = 10_000;
const log = (message) => process.stderr.write(`${message}\n`);

/**
 * n rows: 20 standard normals (two with 5% missing), a label from interactions, a sine, a square
 * and logistic noise, so the trees have something to find and cannot be perfect.
 */
function generate(n, seed) {
  const rng = createRandom(seed);
  const x = new Float64Array(n * FEATURES);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = i * FEATURES;
    for (let j = 0; j < FEATURES; j++) x[r + j] = rng.normal();
    const z =
      x[r] * x[r + 1] +
      Math.sin(2 * x[r + 2]) +
      0.7 * x[r + 3] -
      0.4 * x[r + 4] ** 2 +
      0.3 * x[r + 5] * x[r + 6];
    const u = rng.float();
    y[i] = z + Math.log(u / (1 - u)) > 0 ? 1 : 0;
    if (rng.float() < 0.05) x[r + 7] = Number.NaN;
    if (rng.float() < 0.05) x[r + 8] = Number.NaN;
  }
  return { x: { data: x, rows: n, cols: FEATURES }, y };
}

function heldOut(p, y) {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i * 2 + 1], 1e-15), 1 - 1e-15);
    loss -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
    if (q > 0.5 === (y[i] === 1)) correct++;
  }
  return { logLoss: loss / y.length, accuracy: correct / y.length };
}

log(
  `generating ${ROWS.toLocaleString('en')} + ${TEST_ROWS.toLocaleString('en')} rows × ${FEATURES} features`,
);
const train = generate(ROWS, 1);
const test = generate(TEST_ROWS, 2);
const options = {
  task: 'classification',
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: 6,
  earlyStopping: false,
  ...(THREADS === undefined ? {} : { threads: THREADS }),
};
log(`fitting (${FIT_RUNS} runs)`);
const fit = await measure(() => fitGbdt(train.x, train.y, options), { runs: FIT_RUNS, warmup: 0 });
const model = fit.result;
log('predicting');
const predict = await measure(() => model.predictProba(train.x), { runs: RUNS, warmup: 1 });
const shapX = { data: test.x.data.subarray(0, SHAP_ROWS * FEATURES), rows: SHAP_ROWS, cols: FEATURES };
log('Tree SHAP');
const shap = await measure(() => treeShap(model.ensemble, shapX), { runs: RUNS, warmup: 1 });
const vigieQuality = heldOut(model.predictProba(test.x), test.y);

let peers = null;
const python = args['no-python']
  ? null
  : findPython(fileURLToPath(new URL('./peers/.venv', import.meta.url)));
if (python) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-gbdt-'));
  try {
    const file = (name, a) => {
      const path = join(dir, name);
      writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      return path;
    };
    const spec = {
      features: FEATURES,
      xTrain: file('x-train.f64', train.x.data),
      yTrain: file('y-train.f64', train.y),
      xTest: file('x-test.f64', test.x.data),
      yTest: file('y-test.f64', test.y),
      runs: RUNS,
      fitRuns: FIT_RUNS,
      shapRows: SHAP_ROWS,
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    log('running LightGBM and scikit-learn');
    peers = (
      await runPeerScript(python, fileURLToPath(new URL('./peers/gbdt_peers.py', import.meta.url)), [
        join(dir, 'spec.json'),
      ])
    ).json;
  } catch (error) {
    log(`python peers skipped: ${error.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else if (!args['no-python']) {
  log('python peers skipped: bench/peers/.venv does not exist (see bench/peers/README.md)');
}

const s = (ms) => (ms / 1000).toFixed(2);
const rate = (seconds) => `${Math.round(ROWS / seconds).toLocaleString('en')}`;
console.log(
  `\nVigie gradient boosting, ${ROWS.toLocaleString('en')} × ${FEATURES} (100 trees, 31 leaves, depth 6); ${machineSummary()}; ${codeVersion()}`,
);
console.log(
  `Vigie: ${model.nIter} iterations, ${model.ensemble.trees.length} trees; peak RSS ${peakRssMb().toFixed(0)} MB\n`,
);
const lgb = peers?.lightgbm;
const skl = peers?.sklearn;
printTable(
  ['task', 'Vigie s', 'Vigie CPU s', 'LightGBM s', 'scikit-learn s', 'Vigie / LightGBM', 'target'],
  [
    [
      `fit ${(ROWS / 1e6).toLocaleString('en')}M rows`,
      s(fit.ms),
      s(fit.cpuMs),
      lgb ? lgb.fit.toFixed(2) : '-',
      skl ? skl.fit.toFixed(2) : '-',
      lgb ? formatRatio(fit.ms / 1000 / lgb.fit) : '-',
      lgb ? (fit.ms / 1000 <= 2 * lgb.fit ? 'pass (≤ 2x)' : 'over (≤ 2x)') : '≤ 2x LightGBM',
    ],
    [
      `predict ${(ROWS / 1e6).toLocaleString('en')}M rows`,
      s(predict.ms),
      s(predict.cpuMs),
      lgb ? lgb.predict.toFixed(2) : '-',
      skl ? skl.predict.toFixed(2) : '-',
      lgb ? formatRatio(predict.ms / 1000 / lgb.predict) : '-',
      `${predict.ms <= 1000 * (ROWS / 1_000_000) ? 'pass' : 'over'} (${rate(predict.ms / 1000)} rows/s, ≥ 1M)`,
    ],
    [
      `Tree SHAP ${SHAP_ROWS / 1000}k rows`,
      s(shap.ms),
      s(shap.cpuMs),
      lgb ? lgb.shap.toFixed(2) : '-',
      '-',
      lgb ? formatRatio(shap.ms / 1000 / lgb.shap) : '-',
      `${shap.ms <= 2000 ? 'pass' : 'over'} (≤ 2 s)`,
    ],
  ],
);
console.log('');
printTable(
  ['held out (200k rows)', 'Vigie', 'LightGBM', 'scikit-learn'],
  [
    [
      'log loss',
      vigieQuality.logLoss.toFixed(4),
      lgb ? lgb.logLoss.toFixed(4) : '-',
      skl ? skl.logLoss.toFixed(4) : '-',
    ],
    [
      'accuracy',
      vigieQuality.accuracy.toFixed(4),
      lgb ? lgb.accuracy.toFixed(4) : '-',
      skl ? skl.accuracy.toFixed(4) : '-',
    ],
  ],
);
if (peers)
  console.log(
    `\nLightGBM ${lgb?.version ?? 'absent'} and scikit-learn ${skl?.version} with ${peers.threads} threads; Vigie's fit ${THREADS ? `with ${THREADS} thread${THREADS === 1 ? '' : 's'}` : 'with its default threads'}.`,
  );
