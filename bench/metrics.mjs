#!/usr/bin/env node
/**
 * The metrics benchmark (`npm run bench:metrics`): one table of the targets of @vigie/core/metrics
 * (one-pass classification metrics and confusion matrix on 10M rows ≤ 0.2 s, exact ROC AUC on 10M
 * ≤ 1.5 s) and a few more, side by side with scikit-learn when scripts/goldens/.venv exists.
 * Python gets the same arrays (a temporary file of little-endian float64 per array, labels cast
 * back to int32) and times itself with time.perf_counter under the same policy as Vigie: one
 * warm-up call, then the median of at least --runs calls and of at least 0.3 s of calls (at most
 * 30); the slow bootstrap peer runs once. "same result" compares one output of the two (0 means
 * identical); bootstrap intervals use different generators, so only the metric value is compared.
 *
 *   node bench/metrics.mjs [--runs 5] [--no-python]
 *
 * Build first: npx tsc -b packages/core. Takes about a minute (two with Python).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  accuracyScore,
  classificationReport,
  delongRocAucTest,
  logLoss,
  mcnemar,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  metricInterval,
  pairedBootstrap,
  r2Score,
  regressionReport,
  rocAucScore,
  rootMeanSquaredError,
} from '../packages/core/dist/metrics/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';
import { findPython, runPythonJson } from './lib/peers.mjs';
import {
  codeVersion,
  formatMs,
  formatRatio,
  machineSummary,
  measure,
  peakRssMb,
  printTable,
  targetStatus,
} from './lib/table.mjs';

const USAGE = 'usage: node bench/metrics.mjs [--runs 5] [--no-python]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'no-python': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`metrics: ${error.message}\n${USAGE}`);
  process.exit(2);
}
const RUNS = Number(args.runs);
if (!Number.isSafeInteger(RUNS) || RUNS < 1) {
  console.error(`metrics: --runs must be a positive integer\n${USAGE}`);
  process.exit(2);
}
const MIN_MS = 300;
const MAX_RUNS = 30;
const log = (message) => process.stderr.write(`${message}\n`);

/** n labels in 0..k−1 and predictions right with probability 1 − error (else a random class). */
function labels(n, k, error, seed) {
  const rng = createRandom(seed);
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = rng.int(k);
    yTrue[i] = t;
    yPred[i] = rng.float() < error ? rng.int(k) : t;
  }
  return { yTrue, yPred };
}

/** n binary labels and a score N(0, 1) + shift·label, plus its logistic probability. */
function scores(n, shift, seed) {
  const rng = createRandom(seed);
  const y = new Int32Array(n);
  const score = new Float64Array(n);
  const prob = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = rng.float() < 0.3 ? 1 : 0;
    y[i] = t;
    score[i] = rng.normal() + shift * t;
    prob[i] = 1 / (1 + Math.exp(-score[i]));
  }
  return { y, score, prob };
}

log('generating inputs ...');
const TEN_M = 10_000_000;
const cls = labels(TEN_M, 3, 0.3, 1);
const bin = scores(TEN_M, 1, 2);
const reg = (() => {
  const rng = createRandom(3);
  const yt = new Float64Array(TEN_M);
  const yp = new Float64Array(TEN_M);
  for (let i = 0; i < TEN_M; i++) {
    yt[i] = 10 + 3 * rng.normal();
    yp[i] = yt[i] + rng.normal();
  }
  return { yt, yp };
})();
const small = labels(100_000, 2, 0.3, 4);
const smallB = labels(100_000, 2, 0.32, 4);
const delongData = scores(1_000_000, 1, 5);
const delongOther = Float64Array.from(
  delongData.score,
  (v, i) => 0.8 * v + (0.5 * ((i * 2654435761) % 1000)) / 1000,
);

const arrays = {
  clsTrue: cls.yTrue,
  clsPred: cls.yPred,
  binY: bin.y,
  binScore: bin.score,
  binProb: bin.prob,
  regTrue: reg.yt,
  regPred: reg.yp,
  smallTrue: small.yTrue,
  smallPred: small.yPred,
};
const INT_ARRAYS = new Set(['clsTrue', 'clsPred', 'binY', 'smallTrue', 'smallPred']);

const regression = (t, p) => [
  meanSquaredError(t, p),
  rootMeanSquaredError(t, p),
  meanAbsoluteError(t, p),
  meanAbsolutePercentageError(t, p),
  r2Score(t, p),
];

/**
 * op, n, target ms or null, the Vigie call, the scikit-learn expression over the arrays above, and
 * what "same result" compares: `check` names it, `value` reads it from Vigie's result and `pyValue`
 * from Python's `res`.
 */
const ROWS = [
  {
    op: 'classificationReport (accuracy, P/R/F1 + averages, confusion matrix; one pass)',
    n: '10M, 3 classes',
    target: 200,
    run: () => classificationReport(cls.yTrue, cls.yPred),
    py: '(accuracy_score(clsTrue, clsPred), precision_recall_fscore_support(clsTrue, clsPred, average="macro"), confusion_matrix(clsTrue, clsPred))',
    check: 'accuracy, macro F1',
    value: (r) => [r.accuracy, r.macro.f1],
    pyValue: '[res[0], res[1][2]]',
  },
  {
    op: 'rocAucScore (exact, binary)',
    n: '10M',
    target: 1500,
    run: () => rocAucScore(bin.y, bin.score),
    py: 'roc_auc_score(binY, binScore)',
    check: 'AUC',
    value: (v) => v,
    pyValue: 'res',
  },
  {
    op: 'logLoss (binary)',
    n: '10M',
    run: () => logLoss(bin.y, bin.prob),
    py: 'log_loss(binY, binProb)',
    check: 'loss',
    value: (v) => v,
    pyValue: 'res',
  },
  {
    op: 'MSE, RMSE, MAE, MAPE, R² (five calls)',
    n: '10M',
    run: () => regression(reg.yt, reg.yp),
    py: '[mean_squared_error(regTrue, regPred), root_mean_squared_error(regTrue, regPred), mean_absolute_error(regTrue, regPred), mean_absolute_percentage_error(regTrue, regPred), r2_score(regTrue, regPred)]',
    check: 'all 5',
    value: (v) => v,
    pyValue: 'res',
  },
  {
    op: 'regressionReport: the same five in two passes',
    n: '10M',
    run: () => regressionReport(reg.yt, reg.yp),
    py: '[mean_squared_error(regTrue, regPred), root_mean_squared_error(regTrue, regPred), mean_absolute_error(regTrue, regPred), mean_absolute_percentage_error(regTrue, regPred), r2_score(regTrue, regPred)]',
    check: 'all 5',
    value: (r) => [
      r.meanSquaredError,
      r.rootMeanSquaredError,
      r.meanAbsoluteError,
      r.meanAbsolutePercentageError,
      r.r2Score,
    ],
    pyValue: 'res',
  },
  {
    op: 'medianAbsoluteError',
    n: '10M',
    run: () => medianAbsoluteError(reg.yt, reg.yp),
    py: 'median_absolute_error(regTrue, regPred)',
    check: 'median',
    value: (v) => v,
    pyValue: 'res',
  },
  {
    op: 'metricInterval(accuracyScore), percentile, 1000 resamples',
    n: '100k',
    run: () => metricInterval(accuracyScore, small.yTrue, small.yPred, { nResamples: 1000, seed: 1 }),
    peer: 'scikit-learn loop',
    py: 'boot_accuracy(smallTrue, smallPred, 1000)',
    pyRuns: 1,
    check: 'accuracy',
    value: (r) => r.value,
    pyValue: 'res[0]',
  },
  {
    op: 'metricInterval(accuracyScore), BCa, 1000 resamples',
    n: '100k',
    run: () =>
      metricInterval(accuracyScore, small.yTrue, small.yPred, { nResamples: 1000, seed: 1, method: 'bca' }),
  },
  {
    op: 'pairedBootstrap(accuracyScore), 1000 resamples',
    n: '100k',
    run: () =>
      pairedBootstrap(accuracyScore, small.yTrue, small.yPred, smallB.yPred, { nResamples: 1000, seed: 1 }),
  },
  {
    op: 'delongRocAucTest',
    n: '1M',
    run: () => delongRocAucTest(delongData.y, delongData.score, delongOther),
  },
  {
    op: 'mcnemar (exact)',
    n: '10M',
    run: () => mcnemar(cls.yTrue, cls.yPred, bin.y),
  },
];

// The Python side: loads the arrays, evaluates each expression with Vigie's timing policy.
const PYTHON_SOURCE = `
import json, os, sys, time, warnings
import numpy as np, sklearn
from sklearn.metrics import (accuracy_score, confusion_matrix, log_loss, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, median_absolute_error,
    precision_recall_fscore_support, r2_score, roc_auc_score, root_mean_squared_error)
warnings.simplefilter("ignore")
spec = json.load(open(sys.argv[1]))

def boot_accuracy(y_true, y_pred, b, seed=0):
    # What a scikit-learn user writes: resample row indices, call the metric, take percentiles.
    rng = np.random.default_rng(seed)
    n = y_true.size
    dist = np.empty(b)
    for i in range(b):
        idx = rng.integers(0, n, n)
        dist[i] = accuracy_score(y_true[idx], y_pred[idx])
    return accuracy_score(y_true, y_pred), np.percentile(dist, [2.5, 97.5])

env = {k: v for k, v in globals().items() if not k.startswith("__")}
for name in spec["arrays"]:
    a = np.fromfile(os.path.join(spec["dir"], name + ".f64"), dtype="<f8")
    env[name] = a.astype(np.int32) if name in spec["ints"] else a
out = []
for row in spec["rows"]:
    code = compile(row["expr"], "<bench>", "eval")
    res = eval(code, env)
    runs = row.get("runs") or spec["runs"]
    min_ms = 0 if row.get("runs") else spec["minMs"]
    times = []
    cpu = []
    while len(times) < runs or (sum(times) < min_ms and len(times) < spec["maxRuns"]):
        c0 = time.process_time()
        t0 = time.perf_counter()
        res = eval(code, env)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    value = eval(row["value"], {**env, "res": res}) if row["value"] else None
    out.append({"ms": sorted(times)[len(times) // 2], "cpuMs": sorted(cpu)[len(cpu) // 2], "runs": len(times),
                "value": value})
print(json.dumps({"versions": {"python": sys.version.split()[0], "numpy": np.__version__,
    "scikit-learn": sklearn.__version__}, "rows": out}, default=float))
`;

async function timePython(python) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-metrics-'));
  try {
    for (const [name, x] of Object.entries(arrays)) {
      const f = x instanceof Float64Array ? x : Float64Array.from(x);
      writeFileSync(join(dir, `${name}.f64`), new Uint8Array(f.buffer, f.byteOffset, f.byteLength));
    }
    const withPeer = ROWS.filter((r) => r.py);
    const spec = {
      dir,
      arrays: Object.keys(arrays),
      ints: [...INT_ARRAYS],
      runs: RUNS,
      minMs: MIN_MS,
      maxRuns: MAX_RUNS,
      rows: withPeer.map((r) => ({ expr: r.py, value: r.pyValue ?? null, runs: r.pyRuns ?? null })),
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const result = await runPythonJson(python, PYTHON_SOURCE, [join(dir, 'spec.json')]);
    const byRow = new Map(withPeer.map((r, i) => [r, result.rows[i]]));
    return { versions: result.versions, byRow };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Largest relative difference between two numbers or two equal-length lists of numbers. */
function relativeDifference(ours, theirs) {
  const a = [ours].flat();
  const b = [theirs].flat();
  if (a.length !== b.length) return Number.NaN;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] === b[i] ? 0 : Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), Number.MIN_VALUE);
    worst = Math.max(worst, d);
  }
  return worst;
}

function describeAgreement(row, ours, theirs) {
  const shown = [ours].flat();
  const value = shown.length <= 2 ? ` ${shown.map((v) => v.toPrecision(6)).join(', ')}` : '';
  const d = relativeDifference(ours, theirs);
  return `${row.check}${value}: ${d === 0 ? 'identical' : `rel. diff ${d.toExponential(1)}`}`;
}

log(`Vigie (median of >= ${RUNS} runs after 1 warm-up) ...`);
const ours = new Map();
for (const row of ROWS) {
  log(`  ${row.op} ...`);
  ours.set(row, await measure(row.run, { runs: RUNS, warmup: 1, minMs: MIN_MS, maxRuns: MAX_RUNS }));
}
const vigieRssMb = peakRssMb();

const python = args['no-python']
  ? null
  : findPython(fileURLToPath(new URL('../scripts/goldens/.venv', import.meta.url)));
let py = null;
if (python) {
  log('Python (same policy, inside the interpreter) ...');
  try {
    py = await timePython(python);
  } catch (error) {
    log(`Python timing failed: ${error.message}`);
  }
}

console.log(`\nVigie metrics benchmark; ${machineSummary()}; ${codeVersion()}`);
console.log(
  `times: median wall ms of >= ${RUNS} runs and >= ${MIN_MS} ms of runs (at most ${MAX_RUNS}), after 1 warm-up run; cpu = user + system of this process`,
);
if (py)
  console.log(
    `Python: ${Object.entries(py.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; ratio = Python ms / Vigie ms (wall), cpu ratio = the same on process CPU time, steadier when other work loads the machine`,
  );
else
  console.log(
    `Python: ${args['no-python'] ? 'skipped (--no-python)' : 'skipped (no scripts/goldens/.venv)'}`,
  );
console.log('');

const columns = [
  { header: 'operation', align: 'left' },
  { header: 'n', align: 'left' },
  'Vigie ms',
  'cpu ms',
  'runs',
  'target',
  'status',
];
if (py)
  columns.push({ header: 'peer', align: 'left' }, 'peer ms', 'peer cpu', 'ratio', 'cpu ratio', {
    header: 'same result',
    align: 'left',
  });
printTable(
  columns,
  ROWS.map((row) => {
    const m = ours.get(row);
    const cells = [
      row.op,
      row.n,
      formatMs(m.ms),
      formatMs(m.cpuMs),
      String(m.samples.length),
      row.target ? `≤ ${row.target}` : '',
      row.target ? targetStatus(m.ms, row.target) : '',
    ];
    const p = py?.byRow.get(row);
    if (py && p) {
      const same = row.value ? describeAgreement(row, row.value(m.result), p.value) : '';
      cells.push(
        row.peer ?? 'scikit-learn',
        formatMs(p.ms),
        formatMs(p.cpuMs),
        formatRatio(p.ms / m.ms),
        formatRatio(p.cpuMs / m.cpuMs),
        same,
      );
    } else if (py) {
      cells.push('-', '-', '-', '-', '-', '');
    }
    return cells;
  }),
);
console.log(
  `\npeak RSS of this process: ${vigieRssMb.toFixed(0)} MB (inputs included: ${(Object.values(arrays).reduce((s, x) => s + x.byteLength, 0) / 1e6).toFixed(0)} MB)`,
);
