#!/usr/bin/env node
/**
 * The statistics benchmark (`npm run bench:stats`, issue 3): one table of the issue's targets and a
 * few more kernels, side by side with numpy / scipy / scikit-learn when scripts/goldens/.venv
 * exists. Python gets the same arrays (a temporary file of little-endian float64 per array) and
 * times itself with time.perf_counter, with the same policy as Vigie: one warm-up call, then the
 * median of at least --runs calls and of at least 0.3 s of calls (at most 30). "same result" is the
 * relative difference of one output of the two (noted per row); 0 means identical.
 *
 *   node bench/stats.mjs [--runs 5] [--no-python]
 *
 * Build first: npx tsc -b packages/core. Takes about half a minute (a minute with Python).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dbscan, isolationForest } from '../packages/core/dist/anomaly/index.js';
import {
  createHyperLogLog,
  createKllSketch,
  kendalltau,
  ks2samp,
  mannwhitneyu,
  moments,
  psi,
  quantiles,
  spearmanr,
  wassersteinDistance,
} from '../packages/core/dist/stats/index.js';
import { findPython, runPythonJson } from './lib/peers.mjs';
import { blobs2d, gaussianMatrix, normals } from './lib/samples.mjs';
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

const USAGE = 'usage: node bench/stats.mjs [--runs 5] [--no-python]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'no-python': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`stats: ${error.message}\n${USAGE}`);
  process.exit(2);
}
const RUNS = Number(args.runs);
if (!Number.isSafeInteger(RUNS) || RUNS < 1) {
  console.error(`stats: --runs must be a positive integer\n${USAGE}`);
  process.exit(2);
}
const MIN_MS = 300;
const MAX_RUNS = 30;
const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]; // the profile's
const log = (message) => process.stderr.write(`${message}\n`);

log('generating inputs ...');
const data = {
  big: normals(10_000_000, 1),
  a: normals(1_000_000, 2),
  b: normals(1_000_000, 3, { shift: 0.002 }),
  x: normals(1_000_000, 4),
};
data.y = normals(1_000_000, 5, { of: data.x });
const iso = gaussianMatrix(100_000, 10, 6);
const blobs = blobs2d(50_000, 7);
const shapes = {
  big: [-1],
  a: [-1],
  b: [-1],
  x: [-1],
  y: [-1],
  iso: [iso.rows, iso.cols],
  blobs: [blobs.rows, 2],
};
const arrays = { ...data, iso: iso.data, blobs: blobs.data };

const noiseCount = (labels) => labels.reduce((s, l) => s + (l === -1 ? 1 : 0), 0);

/**
 * op, n, target ms (issue 3) or null, the Vigie call, the Python library, its expression over the
 * arrays above, and what "same result" compares: `check` names it, `value` reads it from Vigie's
 * result and `pyValue` from Python's `res` (numbers or lists of numbers).
 */
const ROWS = [
  {
    op: 'mean, std, min, max (moments)',
    n: '10M',
    target: 25,
    run: () => moments(data.big),
    peer: 'numpy',
    py: '(big.mean(), big.std(ddof=1), big.min(), big.max())',
    check: 'std',
    value: (m) => Math.sqrt(m.m2 / (m.n - 1)),
    pyValue: 'res[1]',
  },
  {
    op: 'exact quantiles x7 (linear)',
    n: '10M',
    target: 600,
    run: () => quantiles(data.big, QUANTILES),
    peer: 'numpy',
    py: `np.quantile(big, ${JSON.stringify(QUANTILES)})`,
    check: 'all 7',
    value: (q) => Array.from(q),
    pyValue: 'list(res)',
  },
  {
    op: 'ks2samp (auto: asymptotic)',
    n: '1M vs 1M',
    target: 250,
    run: () => ks2samp(data.a, data.b),
    peer: 'scipy',
    py: 'stats.ks_2samp(a, b)',
    check: 'p-value',
    value: (r) => r.pvalue,
    pyValue: 'res.pvalue',
  },
  {
    op: 'wassersteinDistance',
    n: '1M vs 1M',
    target: 250,
    run: () => wassersteinDistance(data.a, data.b),
    peer: 'scipy',
    py: 'stats.wasserstein_distance(a, b)',
    check: 'distance',
    value: (d) => d,
    pyValue: 'res',
  },
  {
    op: 'isolationForest fit + score (100 trees, psi 256)',
    n: '100k x 10',
    target: 500,
    run: () => isolationForest(iso, { nEstimators: 100, maxSamples: 256, seed: 1 }).scoreSamples(iso),
    peer: 'scikit-learn',
    py: 'IsolationForest(n_estimators=100, max_samples=256, random_state=1).fit(iso).score_samples(iso)',
  },
  {
    op: 'dbscan (eps 0.1, minSamples 5)',
    n: '50k x 2',
    target: 1000,
    run: () => dbscan(blobs, { eps: 0.1, minSamples: 5 }),
    peer: 'scikit-learn',
    py: 'DBSCAN(eps=0.1, min_samples=5).fit(blobs)',
    check: 'clusters, noise',
    value: (f) => [f.nClusters, noiseCount(f.labels)],
    pyValue: '[int(res.labels_.max()) + 1, int((res.labels_ == -1).sum())]',
  },
  {
    op: 'mannwhitneyu (asymptotic)',
    n: '1M vs 1M',
    run: () => mannwhitneyu(data.a, data.b),
    peer: 'scipy',
    py: 'stats.mannwhitneyu(a, b)',
    check: 'p-value',
    value: (r) => r.pvalue,
    pyValue: 'res.pvalue',
  },
  {
    op: 'spearmanr',
    n: '1M',
    run: () => spearmanr(data.x, data.y),
    peer: 'scipy',
    py: 'stats.spearmanr(x, y)',
    check: 'rho',
    value: (r) => r.statistic,
    pyValue: 'res.statistic',
  },
  {
    op: 'kendalltau (tau-b)',
    n: '1M',
    run: () => kendalltau(data.x, data.y),
    peer: 'scipy',
    py: 'stats.kendalltau(x, y)',
    check: 'tau',
    value: (r) => r.statistic,
    pyValue: 'res.statistic',
  },
  {
    op: 'psi (10 reference-quantile bins)',
    n: '1M vs 1M',
    run: () => psi(data.a, data.b),
    peer: 'numpy, same definition',
    py: 'psi_np(a, b)',
    check: 'psi',
    value: (v) => v,
    pyValue: 'res',
  },
  {
    op: 'KLL sketch updateMany (k 200)',
    n: '10M',
    run: () => createKllSketch().updateMany(data.big),
  },
  {
    op: 'HyperLogLog addNumbers (p 14)',
    n: '10M',
    run: () => createHyperLogLog().addNumbers(data.big),
  },
];

// The Python side: loads the arrays, evaluates each expression with Vigie's timing policy.
const PYTHON_SOURCE = `
import json, os, sys, time, warnings
import numpy as np, scipy, sklearn
from scipy import stats
from sklearn.cluster import DBSCAN
from sklearn.ensemble import IsolationForest
warnings.simplefilter("ignore")
spec = json.load(open(sys.argv[1]))

def psi_np(ref, cur, bins=10, eps=1e-4):
    # Vigie's psi: inner edges at the reference's k/bins quantiles (linear), deduplicated; bins
    # closed on the left; shares floored at eps; sum (c - r) ln(c / r).
    inner = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    r = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=inner.size + 1) / ref.size
    c = np.bincount(np.searchsorted(inner, cur, side="right"), minlength=inner.size + 1) / cur.size
    r, c = np.maximum(r, eps), np.maximum(c, eps)
    return float(np.sum((c - r) * np.log(c / r)))

env = {"np": np, "stats": stats, "DBSCAN": DBSCAN, "IsolationForest": IsolationForest, "psi_np": psi_np}
for name, shape in spec["shapes"].items():
    env[name] = np.fromfile(os.path.join(spec["dir"], name + ".f64"), dtype="<f8").reshape(shape)
out = []
for row in spec["rows"]:
    code = compile(row["expr"], "<bench>", "eval")
    res = eval(code, env)
    times = []
    while len(times) < spec["runs"] or (sum(times) < spec["minMs"] and len(times) < spec["maxRuns"]):
        t0 = time.perf_counter()
        res = eval(code, env)
        times.append((time.perf_counter() - t0) * 1000)
    value = eval(row["value"], {**env, "res": res}) if row["value"] else None
    out.append({"ms": sorted(times)[len(times) // 2], "runs": len(times), "value": value})
print(json.dumps({"versions": {"python": sys.version.split()[0], "numpy": np.__version__,
    "scipy": scipy.__version__, "scikit-learn": sklearn.__version__}, "rows": out}, default=float))
`;

async function timePython(python) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-stats-'));
  try {
    for (const [name, x] of Object.entries(arrays)) {
      writeFileSync(join(dir, `${name}.f64`), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    }
    const withPeer = ROWS.filter((r) => r.py);
    const spec = {
      dir,
      shapes,
      runs: RUNS,
      minMs: MIN_MS,
      maxRuns: MAX_RUNS,
      rows: withPeer.map((r) => ({ expr: r.py, value: r.pyValue ?? null })),
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

/** 'p-value 0.4203: rel. diff 1.2e-15' (with the value itself when it is one or two numbers). */
function describeAgreement(row, ours, theirs) {
  const shown = [ours].flat();
  const value =
    shown.length <= 2 ? ` ${shown.map((v) => (Number.isInteger(v) ? v : v.toPrecision(4))).join(', ')}` : '';
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

console.log(`\nVigie statistics benchmark; ${machineSummary()}; ${codeVersion()}`);
console.log(
  `times: median wall ms of >= ${RUNS} runs and >= ${MIN_MS} ms of runs (at most ${MAX_RUNS}), after 1 warm-up run; cpu = user + system of this process`,
);
if (py)
  console.log(
    `Python: ${Object.entries(py.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ratio = Python ms / Vigie ms`,
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
  columns.push({ header: 'Python', align: 'left' }, 'Python ms', 'ratio', {
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
      cells.push(row.peer, formatMs(p.ms), formatRatio(p.ms / m.ms), same);
    } else if (py) {
      cells.push('-', '-', '-', '');
    }
    return cells;
  }),
);
console.log(
  `\npeak RSS of this process: ${vigieRssMb.toFixed(0)} MB (inputs included: ${(Object.values(arrays).reduce((s, x) => s + x.byteLength, 0) / 1e6).toFixed(0)} MB)`,
);
