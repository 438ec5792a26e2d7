#!/usr/bin/env node
/**
 * The model runtime benchmark (`npm run bench:models`): batch inference of the interop fixtures
 * (packages/core/test/fixtures/models) on 1M synthetic penguins, in rows per second, side by side
 * with ONNX Runtime in Python on the same .onnx files and with scikit-learn's predict_proba on the
 * same estimators (retrained by scripts/models/make_fixtures.py's functions, which are
 * deterministic), when scripts/models/.venv exists.
 *
 * Every side gets the same rows (temporary little-endian float64 files) and times itself: one
 * warm-up call, then the median of at least --runs calls. Vigie's time is `model.predict(table)`
 * from Vigie's columns to its checked predictions (float64 → float32 tensor, ONNX Runtime in
 * batches of 65,536 rows, labels mapped to classes, probabilities copied and validated). ONNX
 * Runtime in Python is one `session.run` on the whole numpy array, fetching the same outputs (for a
 * ZipMap model, the probability tensor the ZipMap reads, as Vigie does). Both use as many intra-op
 * threads as the machine has cores, without spinning (as Vigie sets it); scikit-learn runs with its
 * defaults (one thread for these).
 * "same result" compares Vigie's labels and probabilities with each peer's on all rows.
 *
 *   node bench/models.mjs [--rows 1000000] [--runs 5] [--no-python]
 *
 * Build first: npx tsc -b packages/core. Takes about a minute (two with Python).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openOnnxModel } from '../packages/core/dist/models/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';
import { createTable, dictColumn, float64Column } from '../packages/core/dist/table/index.js';
import { findPython, runPythonJson } from './lib/peers.mjs';
import {
  codeVersion,
  formatMs,
  formatRatio,
  machineSummary,
  measure,
  peakRssMb,
  printTable,
} from './lib/table.mjs';

const USAGE = 'usage: node bench/models.mjs [--rows 1000000] [--runs 5] [--no-python]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
      'no-python': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`models: ${error.message}\n${USAGE}`);
  process.exit(2);
}
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
if (!Number.isSafeInteger(ROWS) || ROWS < 1 || !Number.isSafeInteger(RUNS) || RUNS < 1) {
  console.error(`models: --rows and --runs must be positive integers\n${USAGE}`);
  process.exit(2);
}
const TARGET_ROWS_PER_S = 1_000_000;
const log = (message) => process.stderr.write(`${message}\n`);
const FIXTURES = new URL('../packages/core/test/fixtures/models/', import.meta.url);
const FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];

// Per species (Adelie, Chinstrap, Gentoo): mean and sd of each measurement, roughly the data's.
const SPECIES = [
  { mean: [38.8, 18.3, 190, 3700], sd: [2.7, 1.2, 6.5, 460], islands: [0, 1, 2] },
  { mean: [48.8, 18.4, 196, 3733], sd: [3.3, 1.1, 7.1, 384], islands: [1] },
  { mean: [47.5, 15.0, 217, 5076], sd: [3.1, 1.0, 6.5, 504], islands: [0] },
];
const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'];

/** ROWS synthetic penguins: four measurements, island and sex. */
function penguins(n, seed) {
  const rng = createRandom(seed);
  const x = FEATURES.map(() => new Float64Array(n));
  const island = new Int32Array(n);
  const sex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = SPECIES[Math.min(2, Math.floor(rng.float() * 3))];
    for (let j = 0; j < 4; j++) x[j][i] = Math.round((s.mean[j] + s.sd[j] * rng.normal()) * 10) / 10;
    island[i] = s.islands[Math.min(s.islands.length - 1, Math.floor(rng.float() * s.islands.length))];
    sex[i] = rng.float() < 0.5 ? 0 : 1;
  }
  const table = createTable([
    ...FEATURES.map((name, j) => float64Column(name, x[j])),
    dictColumn('island', island, ISLANDS),
    dictColumn('sex', sex, ['female', 'male']),
  ]);
  return { table, x, island, sex };
}

const MODELS = [
  {
    name: 'penguins-logreg',
    what: 'logistic regression, one [N, 4] input',
    signature: { inputs: FEATURES.map((name) => ({ name, type: 'numeric' })) },
    sklearn: 'train_logreg',
    input: 'matrix',
  },
  {
    name: 'penguins-forest',
    what: 'random forest (25 trees), ZipMap',
    sklearn: 'train_forest',
    input: 'matrix',
  },
  {
    name: 'penguins-pipeline',
    what: 'ColumnTransformer pipeline, 6 inputs (2 text), ZipMap',
    sklearn: 'train_pipeline',
    input: 'columns',
  },
];

// The Python side: ONNX Runtime on the same files and scikit-learn on the same estimators.
const PYTHON_SOURCE = `
import json, os, sys, time, warnings
warnings.simplefilter("ignore")
import numpy as np, pandas as pd, onnx, onnxruntime as ort, sklearn
spec = json.load(open(sys.argv[1]))
sys.path.insert(0, spec["scripts"])
import make_fixtures as mf
d = spec["dir"]
n = spec["rows"]
x = np.stack([np.fromfile(os.path.join(d, f + ".f64"), dtype="<f8") for f in spec["features"]], axis=1)
islands = np.array(spec["islands"], dtype=object)[np.fromfile(os.path.join(d, "island.i32"), dtype="<i4")]
sexes = np.array(["female", "male"], dtype=object)[np.fromfile(os.path.join(d, "sex.i32"), dtype="<i4")]
frame = pd.DataFrame({f: x[:, j] for j, f in enumerate(spec["features"])} | {"island": islands, "sex": sexes})
x32 = x.astype(np.float32)
train = mf.penguins()

def timed(fn):
    fn()
    times, res = [], None
    while len(times) < spec["runs"] or (sum(times) < 300 and len(times) < 30):
        t0 = time.perf_counter()
        res = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2], len(times), res

def session(path):
    m = onnx.load(path)
    outputs = [o.name for o in m.graph.output]
    label = outputs[0]
    proba = outputs[1]
    for node in m.graph.node:
        if node.op_type == "ZipMap" and node.output[0] == proba:
            m.graph.output.append(onnx.helper.make_tensor_value_info(node.input[0], onnx.TensorProto.FLOAT, None))
            proba = node.input[0]
    so = ort.SessionOptions()
    so.intra_op_num_threads = os.cpu_count()
    so.inter_op_num_threads = 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(m.SerializeToString(), so, providers=["CPUExecutionProvider"]), [label, proba]

out = []
for model in spec["models"]:
    sess, fetch = session(os.path.join(spec["fixtures"], model["name"] + ".onnx"))
    if model["input"] == "matrix":
        feeds = {sess.get_inputs()[0].name: x32}
        data = x32
    else:
        feeds = {f: x32[:, [j]] for j, f in enumerate(spec["features"])}
        feeds |= {"island": islands.reshape(-1, 1).astype(str), "sex": sexes.reshape(-1, 1).astype(str)}
        data = frame
    ort_ms, ort_runs, (labels, proba) = timed(lambda: sess.run(fetch, feeds))
    est = getattr(mf, model["sklearn"])(train if model["sklearn"] != "train_pipeline" else train.dropna(subset=["island", "sex"]).reset_index(drop=True))
    sk_ms, sk_runs, sk_proba = timed(lambda: est.predict_proba(data))
    classes = list(est.classes_)
    index = {c: i for i, c in enumerate(classes)}
    np.array([index[v] for v in labels.ravel()], dtype="<i4").tofile(os.path.join(d, model["name"] + ".ort.i32"))
    proba.astype("<f8").tofile(os.path.join(d, model["name"] + ".ort.f64"))
    sk_proba.astype("<f8").tofile(os.path.join(d, model["name"] + ".sk.f64"))
    out.append({"ortMs": ort_ms, "ortRuns": ort_runs, "skMs": sk_ms, "skRuns": sk_runs})
print(json.dumps({"versions": {"python": sys.version.split()[0], "onnxruntime": ort.__version__,
    "scikit-learn": sklearn.__version__}, "models": out}))
`;

function compare(vigie, labels, probabilities) {
  let mismatches = 0;
  if (labels) for (let i = 0; i < labels.length; i++) if (labels[i] !== vigie.labels[i]) mismatches++;
  let worst = 0;
  for (let i = 0; i < probabilities.length; i++)
    worst = Math.max(worst, Math.abs(probabilities[i] - vigie.probabilities[i]));
  const l = labels ? (mismatches === 0 ? 'labels identical, ' : `${mismatches} labels differ, `) : '';
  return `${l}max |Δp| ${worst.toExponential(1)}`;
}

function readArray(path, Type) {
  const bytes = readFileSync(path);
  return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
}

log(`generating ${ROWS} synthetic penguins ...`);
const data = penguins(ROWS, 1);
log(`Vigie (median of >= ${RUNS} runs after 1 warm-up) ...`);
const ours = [];
for (const m of MODELS) {
  log(`  ${m.name} ...`);
  const model = await openOnnxModel(
    fileURLToPath(new URL(`${m.name}.onnx`, FIXTURES)),
    m.signature ? { signature: m.signature } : {},
  );
  const result = await measure(() => model.predict(data.table), {
    runs: RUNS,
    warmup: 1,
    minMs: 300,
    maxRuns: 30,
  });
  ours.push(result);
  await model[Symbol.asyncDispose]();
}
const vigieRssMb = peakRssMb();

const python = args['no-python']
  ? null
  : findPython(fileURLToPath(new URL('../scripts/models/.venv', import.meta.url)));
let py = null;
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-models-'));
try {
  if (python) {
    log('Python (ONNX Runtime and scikit-learn, same policy, inside the interpreter) ...');
    FEATURES.forEach((f, j) => {
      const x = data.x[j];
      writeFileSync(join(dir, `${f}.f64`), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    });
    writeFileSync(join(dir, 'island.i32'), new Uint8Array(data.island.buffer));
    writeFileSync(join(dir, 'sex.i32'), new Uint8Array(data.sex.buffer));
    const spec = {
      dir,
      rows: ROWS,
      runs: RUNS,
      features: FEATURES,
      islands: ISLANDS,
      fixtures: fileURLToPath(FIXTURES),
      scripts: fileURLToPath(new URL('../scripts/models', import.meta.url)),
      models: MODELS.map((m) => ({ name: m.name, sklearn: m.sklearn, input: m.input })),
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    try {
      const result = await runPythonJson(python, PYTHON_SOURCE, [join(dir, 'spec.json')]);
      py = {
        versions: result.versions,
        models: result.models.map((r, i) => {
          const name = MODELS[i].name;
          const vigie = ours[i].result;
          return {
            ...r,
            ortSame: compare(
              vigie,
              readArray(join(dir, `${name}.ort.i32`), Int32Array),
              readArray(join(dir, `${name}.ort.f64`), Float64Array),
            ),
            skSame: compare(vigie, null, readArray(join(dir, `${name}.sk.f64`), Float64Array)),
          };
        }),
      };
    } catch (error) {
      log(`Python timing failed: ${error.message}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rate = (ms) => `${(((ROWS / ms) * 1000) / 1e6).toFixed(2)}M`;
console.log(
  `\nVigie model runtime benchmark, ${ROWS.toLocaleString('en')} rows; ${machineSummary()}; ${codeVersion()}`,
);
console.log(
  `times: median wall ms of >= ${RUNS} runs and >= 300 ms of runs (at most 30), after 1 warm-up run; rows/s = rows / median`,
);
console.log(
  py
    ? `Python: ${Object.entries(py.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ratio = peer ms / Vigie ms (above 1: Vigie is faster)`
    : `Python: ${args['no-python'] ? 'skipped (--no-python)' : 'skipped (no scripts/models/.venv)'}`,
);
console.log('');
const columns = [
  { header: 'model', align: 'left' },
  'Vigie ms',
  'cpu ms',
  'rows/s',
  `≥ ${TARGET_ROWS_PER_S / 1e6}M/s`,
];
if (py)
  columns.push('ORT-Py ms', 'ratio', { header: 'same as ORT-Py', align: 'left' }, 'sklearn ms', 'ratio', {
    header: 'same as sklearn',
    align: 'left',
  });
printTable(
  columns,
  MODELS.map((m, i) => {
    const o = ours[i];
    const cells = [
      `${m.name} (${m.what})`,
      formatMs(o.ms),
      formatMs(o.cpuMs),
      rate(o.ms),
      (ROWS / o.ms) * 1000 >= TARGET_ROWS_PER_S ? 'pass' : 'under',
    ];
    const p = py?.models[i];
    if (p)
      cells.push(
        formatMs(p.ortMs),
        formatRatio(p.ortMs / o.ms),
        p.ortSame,
        formatMs(p.skMs),
        formatRatio(p.skMs / o.ms),
        p.skSame,
      );
    return cells;
  }),
);
console.log(`\npeak RSS of this process: ${vigieRssMb.toFixed(0)} MB`);
