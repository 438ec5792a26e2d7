#!/usr/bin/env node
/**
 * Deterministic benchmark data: reference.csv and current.csv (and .parquet copies) with a fixed
 * column mix, missing values, outliers and planted drift, plus manifest.json describing every
 * column and the drift planted in the current file. Same arguments → byte-identical files.
 *
 *   node bench/generate.mjs --rows 1000000 --cols 20 --seed 1 --out bench/data \
 *     [--drift 0.3] [--format csv,parquet] [--digits 6]
 *
 * Needs the built core (npx tsc -b packages/core) for the seeded generator.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from './lib/dataset.mjs';
import { formatBytes } from './lib/format.mjs';

const USAGE =
  'usage: node bench/generate.mjs [--rows 1000000] [--cols 20] [--seed 1] [--out bench/data] ' +
  '[--drift 0.3] [--format csv,parquet] [--digits 6]';

function fail(message) {
  console.error(`generate: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rows: { type: 'string', default: '1000000' },
        cols: { type: 'string', default: '20' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string', default: 'bench/data' },
        drift: { type: 'string', default: '0.3' },
        format: { type: 'string', default: 'csv,parquet' },
        digits: { type: 'string', default: '6' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(error.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (name, min, max) => {
    const v = Number(values[name]);
    if (!Number.isSafeInteger(v) || v < min || v > max)
      fail(`--${name} must be an integer in [${min}, ${max}]`);
    return v;
  };
  const drift = Number(values.drift);
  if (!(drift >= 0 && drift <= 1)) fail('--drift must be a fraction in [0, 1]');
  const formats = values.format.split(',').map((f) => f.trim());
  if (formats.some((f) => f !== 'csv' && f !== 'parquet')) {
    fail('--format must be a comma-separated subset of csv,parquet');
  }
  return {
    rows: integer('rows', 1, 100_000_000),
    cols: integer('cols', 1, 1000),
    seed: integer('seed', 0, Number.MAX_SAFE_INTEGER),
    digits: integer('digits', 1, 17),
    drift,
    out: resolve(values.out),
    csv: formats.includes('csv'),
    parquet: formats.includes('parquet'),
  };
}

const options = parseOptions(process.argv.slice(2));
let result;
try {
  result = await generateDataset(options);
} catch (error) {
  fail(error.message);
}
const { manifest, timings } = result;
console.log(
  `generated ${options.rows} rows × ${options.cols} columns (seed ${options.seed}, drift ${options.drift}) in ${options.out}`,
);
for (const t of timings) {
  const note = t.file.endsWith('.csv') && !options.csv ? '  (removed: --format has no csv)' : '';
  const size = formatBytes(t.bytes).padStart(9);
  console.log(`  ${t.file.padEnd(18)} ${size}  ${t.seconds.toFixed(1).padStart(5)} s${note}`);
}
console.log(`  ${'manifest.json'.padEnd(18)} drifted: ${manifest.driftedColumns.join(', ') || '(none)'}`);
console.log(`  total ${timings.reduce((s, t) => s + t.seconds, 0).toFixed(1)} s`);
