#!/usr/bin/env node
/**
 * The dataset benchmark (`npm run bench`, issue 2): CSV and Parquet ingest of 1M rows × 20 columns,
 * the profile of that table (sketched and exact quantiles) and drift of 1M vs 1M rows × 20 columns,
 * against the targets; then, when bench/peers/.venv exists, pandas, Evidently and scipy on the same
 * files, the speed ratios, and whether the per-column drift decisions agree (with Evidently and with
 * the drift planted by the generator).
 *
 *   node bench/dataset.mjs [--rows 1000000] [--cols 20] [--seed 1] [--runs 3] [--no-peers] [--all-columns]
 *
 * Data is generated once per (rows, cols, seed) into bench/data/<rows>x<cols>-seed<seed>/ and
 * reused while its manifest and file sizes match. Build first: npx tsc -b packages/core packages/cli
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareDrift, printDriftComparison } from './lib/drift-agreement.mjs';
import { findPython, runPeerScript } from './lib/peers.mjs';
import {
  codeVersion,
  formatRatio,
  formatSeconds,
  machineSummary,
  measure,
  median,
  peakRssMb,
  printTable,
  targetStatus,
} from './lib/table.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const USAGE =
  'usage: node bench/dataset.mjs [--rows 1000000] [--cols 20] [--seed 1] [--runs 3] [--no-peers] [--all-columns]';
// The generator's defaults: 30% of the columns drift, six significant digits per float cell.
const DRIFT_FRACTION = 0.3;
const DIGITS = 6;
const ROLES = ['reference', 'current'];
const FORMATS = ['csv', 'parquet'];

const log = (message) => process.stderr.write(`${message}\n`);

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rows: { type: 'string', default: '1000000' },
        cols: { type: 'string', default: '20' },
        seed: { type: 'string', default: '1' },
        runs: { type: 'string', default: '3' },
        'no-peers': { type: 'boolean', default: false },
        'all-columns': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`dataset: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (name, min) => {
    const v = Number(values[name]);
    if (!Number.isSafeInteger(v) || v < min) {
      console.error(`dataset: --${name} must be an integer >= ${min}\n${USAGE}`);
      process.exit(2);
    }
    return v;
  };
  return {
    rows: integer('rows', 1),
    cols: integer('cols', 2),
    seed: integer('seed', 0),
    runs: integer('runs', 1),
    peers: !values['no-peers'],
    allColumns: values['all-columns'],
  };
}

async function importCore() {
  try {
    const dist = new URL('../packages/core/dist/', import.meta.url);
    const [table, profile, drift] = await Promise.all(
      ['table', 'profile', 'drift'].map((m) => import(new URL(`${m}/index.js`, dist).href)),
    );
    return { ...table, ...profile, ...drift };
  } catch (error) {
    console.error(
      `dataset: packages/core is not built: run \`npx tsc -b packages/core packages/cli\` (${error.message})`,
    );
    process.exit(2);
  }
}

/** True when `dir` holds the four files its manifest describes, generated with these arguments. */
function cached(dir, { rows, cols, seed }) {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const same =
    manifest.rows === rows &&
    manifest.cols === cols &&
    manifest.seed === seed &&
    manifest.driftFraction === DRIFT_FRACTION &&
    manifest.digits === DIGITS;
  const complete = ROLES.every((role) =>
    FORMATS.every((format) => {
      const file = manifest.files?.[role]?.[format];
      const full = file && join(dir, file.path);
      return file && existsSync(full) && statSync(full).size === file.bytes;
    }),
  );
  return same && complete ? manifest : null;
}

async function ensureData(options) {
  const dir = join(BENCH, 'data', `${options.rows}x${options.cols}-seed${options.seed}`);
  const manifest = cached(dir, options);
  if (manifest) return { dir, manifest, note: 'cached' };
  // In a child process, so the timed process starts with a clean heap and no leftover DuckDB.
  const { rows, cols, seed } = options;
  const args = { rows, cols, seed, drift: DRIFT_FRACTION, digits: DIGITS, out: dir };
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(BENCH, 'generate.mjs'), ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)])],
    { stdio: ['ignore', 2, 2] }, // the generator's report goes to stderr with the progress
  );
  if (run.status !== 0) {
    console.error(`dataset: generating the data failed (exit ${run.status})`);
    process.exit(2);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
    note: `generated in ${seconds.toFixed(1)} s`,
  };
}

/** Vigie's steps, each timed with `measure`; returns the step records and the last drift result. */
async function benchVigie(core, files, { runs, targets }) {
  const db = await core.openDuckDb();
  // Worker threads for the parallel profile rows, started once as the DuckDB instance is.
  const pool = core.createWorkerPool();
  const steps = {};
  const step = async (key, label, run, { target, warmup = 1 } = {}) => {
    log(`  ${label} ...`);
    const { result, ...m } = await measure(run, { runs, warmup });
    steps[key] = { label, ...m, target: targets ? target : undefined, rssMb: peakRssMb() };
    return result;
  };
  try {
    const reference = await step(
      'csv',
      'CSV ingest (reference)',
      () => core.readTable(db, files.reference.csv),
      { target: 1.5 },
    );
    await step('parquet', 'Parquet ingest (reference)', () => core.readTable(db, files.reference.parquet));
    const current = await core.readTable(db, files.current.csv);
    await step(
      'profileSketch',
      'profile, sketched quantiles',
      () => core.profileTable(reference, { quantiles: 'sketch' }),
      { target: 0.3 },
    );
    await step(
      'profileExact',
      'profile, exact quantiles',
      () => core.profileTable(reference, { quantiles: 'exact' }),
      { target: 1 },
    );
    await step(
      'profileSketchParallel',
      `profile, sketched, ${pool.threads} worker threads`,
      () => core.profileTableParallel(pool, reference, { quantiles: 'sketch' }),
      { target: 0.3 },
    );
    await step(
      'profileExactParallel',
      `profile, exact, ${pool.threads} worker threads`,
      () => core.profileTableParallel(pool, reference, { quantiles: 'exact' }),
      { target: 1 },
    );
    const drift = await step(
      'drift',
      'drift, both tables loaded',
      () => core.computeDrift(reference, current),
      { target: 2 },
    );
    await step(
      'driftParallel',
      `drift, ${pool.threads} worker threads`,
      () => core.computeDriftParallel(pool, reference, current),
      { target: 2 },
    );
    // The end-to-end rows run after their parts are warm, so they have no warm-up run of their own.
    await step(
      'csvProfile',
      'CSV ingest + exact profile',
      async () => core.profileTable(await core.readTable(db, files.reference.csv), { quantiles: 'exact' }),
      { warmup: 0 },
    );
    await step(
      'csvProfileParallel',
      `CSV ingest + exact profile, ${pool.threads} workers`,
      async () =>
        core.profileTableParallel(pool, await core.readTable(db, files.reference.csv), {
          quantiles: 'exact',
        }),
      { warmup: 0 },
    );
    await step(
      'driftWithIngest',
      'drift incl. CSV ingest of both',
      async () =>
        core.computeDrift(
          await core.readTable(db, files.reference.csv),
          await core.readTable(db, files.current.csv),
        ),
      { warmup: 0 },
    );
    return { steps, drift, shape: { rows: reference.rowCount, cols: reference.columns.length } };
  } finally {
    db.close();
    await pool.close();
  }
}

function printVigie(steps) {
  const rows = Object.values(steps).map((s) => [
    s.label,
    formatSeconds(s.ms / 1000),
    formatSeconds(s.cpuMs / 1000),
    s.warmupSamples.length > 0 ? formatSeconds(s.warmupSamples[0] / 1000) : '-',
    s.target === undefined ? '-' : `≤ ${s.target} s`,
    s.target === undefined ? '' : targetStatus(s.ms / 1000, s.target),
    s.rssMb.toFixed(0),
  ]);
  printTable(['step', 'Vigie s', 'cpu s', 'first run s', 'target', 'status', 'peak RSS MB'], rows);
}

/** Median of each timing over several peer runs (the peers print one run's timings each). */
function medianTimings(results) {
  const keys = Object.keys(results[0].json.timings);
  return Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r.json.timings[k]))]));
}

async function benchPeers(python, files, manifestPath, runs) {
  const peers = {};
  const script = (name) => join(BENCH, 'peers', name);
  const attempt = async (name, label, times, args) => {
    const results = [];
    try {
      for (let r = 0; r < times; r++) {
        log(`  ${label} (${r + 1}/${times}) ...`);
        results.push(await runPeerScript(python, script(name), args));
      }
      peers[label] = {
        json: results[results.length - 1].json,
        timings: medianTimings(results),
        runs: times,
        peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
      };
    } catch (error) {
      log(`  ${label} failed: ${error.message}`);
    }
  };
  await attempt('pandas_profile.py', 'pandas', runs, [
    files.reference.csv,
    '--parquet',
    files.reference.parquet,
  ]);
  // Evidently takes about a minute per run at 1M rows: one run, not a median.
  await attempt('evidently_drift.py', 'evidently', 1, [
    files.reference.csv,
    files.current.csv,
    '--id-column',
    'id',
  ]);
  await attempt('scipy_drift.py', 'scipy', 1, [
    files.reference.csv,
    files.current.csv,
    '--manifest',
    manifestPath,
  ]);
  return peers;
}

function printPeers(steps, peers) {
  const s = (key) => steps[key].ms / 1000;
  const rows = [];
  const add = (what, vigie, peer, peerSeconds, goal) => {
    const ratio = peerSeconds / vigie;
    const status = goal === undefined || !Number.isFinite(ratio) ? '' : ratio >= goal ? 'pass' : 'below';
    rows.push([
      what,
      formatSeconds(vigie),
      peer,
      formatSeconds(peerSeconds),
      formatRatio(ratio),
      goal ? `≥ ${goal}x` : '',
      status,
    ]);
  };
  const pandas = peers.pandas?.timings;
  if (pandas) {
    add('CSV read', s('csv'), 'pandas read_csv', pandas.read_csv);
    add('Parquet read', s('parquet'), 'pandas read_parquet', pandas.read_parquet);
    add('profile (exact quantiles)', s('profileExact'), 'pandas describe + nunique', pandas.describe_nunique);
    add(
      'same, on worker threads',
      s('profileExactParallel'),
      'pandas describe + nunique',
      pandas.describe_nunique,
    );
    add(
      'CSV read + profile, end to end',
      s('csvProfile'),
      'pandas read_csv + describe + nunique',
      pandas.read_csv + pandas.describe_nunique,
      3,
    );
    add(
      'same, profile on worker threads',
      s('csvProfileParallel'),
      'pandas read_csv + describe + nunique',
      pandas.read_csv + pandas.describe_nunique,
      3,
    );
  }
  const evidently = peers.evidently?.timings;
  if (evidently) {
    add('drift, data loaded', s('drift'), 'Evidently DataDriftPreset', evidently.drift, 20);
    add('same, on worker threads', s('driftParallel'), 'Evidently DataDriftPreset', evidently.drift, 20);
    add(
      'drift incl. CSV load',
      s('driftWithIngest'),
      'Evidently load + DataDriftPreset',
      evidently.load + evidently.drift,
    );
  }
  const scipy = peers.scipy?.timings;
  if (scipy) {
    add('drift, data loaded', s('drift'), 'scipy KS + W1 / chi2 + JS', scipy.numeric + scipy.categorical);
    add('drift incl. CSV load', s('driftWithIngest'), 'scipy load + tests', scipy.total);
  }
  printTable(
    [
      { header: 'comparison', align: 'left' },
      'Vigie s',
      { header: 'peer', align: 'left' },
      'peer s',
      'peer / Vigie',
      'goal',
      'status',
    ],
    rows,
  );
  const runs = Object.entries(peers).map(
    ([name, p]) => `${name} ${p.runs} run${p.runs > 1 ? 's (median)' : ''}`,
  );
  console.log(
    `peer runs: ${runs.join(', ')}; peak RSS MB: ${Object.entries(peers)
      .map(([name, p]) => `${name} ${p.peakRssMb.toFixed(0)}`)
      .join(', ')}`,
  );
  const versions = peers.evidently?.json.versions ?? peers.pandas?.json.versions;
  if (versions) {
    console.log(
      `versions: ${Object.entries(versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
}

const options = parseOptions(process.argv.slice(2));
const core = await importCore();
const data = await ensureData(options);
const files = Object.fromEntries(
  ROLES.map((role) => [role, Object.fromEntries(FORMATS.map((f) => [f, join(data.dir, `${role}.${f}`)]))]),
);
const targets = options.rows === 1_000_000 && options.cols === 20;
log(`Vigie, median of ${options.runs} runs:`);
const vigie = await benchVigie(core, files, { runs: options.runs, targets });
const python = options.peers ? findPython(join(BENCH, 'peers', '.venv')) : null;
let peers = null;
if (python) {
  log('peers:');
  peers = await benchPeers(python, files, join(data.dir, 'manifest.json'), options.runs);
}

console.log(
  `\nVigie dataset benchmark: ${vigie.shape.rows} rows × ${vigie.shape.cols} columns, seed ${options.seed} (${data.dir}, ${data.note})`,
);
console.log(`${machineSummary()}; ${codeVersion()}`);
console.log(
  `times: median of ${options.runs} runs after 1 discarded warm-up run ("first run" is that cold run; the` +
    ' end-to-end rows reuse their warm parts and have none); cpu = user + system of all threads',
);
if (!targets) console.log('targets apply to 1M rows × 20 columns only: not shown');
console.log('');
printVigie(vigie.steps);

if (peers && Object.keys(peers).length > 0) {
  console.log('');
  printPeers(vigie.steps, peers);
} else {
  console.log(
    `\npeers: ${options.peers ? 'skipped (no bench/peers/.venv; see bench/peers/README.md)' : 'skipped (--no-peers)'}`,
  );
}

console.log('');
printDriftComparison(compareDrift(vigie.drift, peers?.evidently?.json ?? null, data.manifest), {
  allColumns: options.allColumns,
});
console.log(`\npeak RSS of this process (Vigie and DuckDB): ${peakRssMb().toFixed(0)} MB`);
