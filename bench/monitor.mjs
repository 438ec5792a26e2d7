#!/usr/bin/env node
/**
 * The production monitoring benchmark (`npm run bench:monitor`, issue 7): what the sliding-window
 * monitor costs the gateway per prediction (add: exact counts and the reservoir sample) and what
 * one evaluation against the training profile costs (input drift on 6 features, prediction drift,
 * data quality) with the window full, at the default sizes and at smaller ones.
 *
 *   node bench/monitor.mjs [--records 1000000]
 *
 * Reference: the quickstart penguins (examples/quickstart/data/penguins.csv) profiled once; the
 * records are its rows with seeded noise, one hour of traffic spread over the window.
 * Build first: npm run build.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createWindowMonitor } from '../packages/core/dist/monitor/index.js';
import { profileTable } from '../packages/core/dist/profile/index.js';
import { createRandom } from '../packages/core/dist/random/index.js';
import { openDuckDb, readTable } from '../packages/core/dist/table/index.js';
import { codeVersion, formatMs, machineSummary, measure, peakRssMb, printTable } from './lib/table.mjs';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '1000000' } } });
const RECORDS = Number(args.records);
if (!(Number.isInteger(RECORDS) && RECORDS > 0)) {
  console.error('monitor: --records must be a positive integer');
  process.exit(2);
}

const db = await openDuckDb({ threads: 1 });
const table = await readTable(
  db,
  fileURLToPath(new URL('../examples/quickstart/data/penguins.csv', import.meta.url)),
);
db.close();
const profile = profileTable(table);
const col = (name) => table.columns.find((c) => c.name === name);
const rows = Array.from({ length: table.rowCount }, (_, i) => {
  const row = {};
  for (const c of table.columns) {
    if (c.name === 'species' || c.name === 'year') continue;
    row[c.name] = c.storage === 'float64' ? c.values[i] : c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
  }
  return row;
});
const species = col('species');
const rng = createRandom(1);
const T0 = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
const records = Array.from({ length: Math.min(RECORDS, 200_000) }, (_, i) => {
  const j = rng.int(rows.length);
  const base = rows[j];
  return {
    id: String(i),
    at: '',
    model: 'penguins',
    version: '1',
    role: 'primary',
    probe: false,
    inputs: { ...base, bill_length_mm: base.bill_length_mm + rng.normal() },
    output: { label: species.dictionary[species.codes[j]] },
    latencyMs: 0.2 + rng.float(),
  };
});

function feed(monitor) {
  for (let i = 0; i < RECORDS; i++) {
    const r = records[i % records.length];
    monitor.add({ ...r, at: new Date(T0 + Math.floor((i * HOUR) / RECORDS)).toISOString() });
  }
}

const results = [];
for (const sizes of [
  { label: 'default (12 × 2,000 rows, sample 10,000)', buckets: 12, bucketCapacity: 2000, maxSample: 10_000 },
  { label: '12 × 500 rows, sample 5,000', buckets: 12, bucketCapacity: 500, maxSample: 5000 },
]) {
  const monitor = createWindowMonitor({ reference: profile, labelColumn: 'species', seed: 0, ...sizes });
  const t0 = performance.now();
  feed(monitor);
  const addMs = performance.now() - t0;
  const evaluation = await measure(() => monitor.evaluate(T0 + HOUR - 1), { runs: 7, warmup: 1 });
  const report = evaluation.result;
  results.push([
    sizes.label,
    String(RECORDS),
    `${((addMs * 1000) / RECORDS).toFixed(2)} µs`,
    String(Math.round(RECORDS / (addMs / 1000))),
    String(report.sampled),
    formatMs(evaluation.ms),
  ]);
}
printTable(
  ['window', 'records', 'add per record', 'records/s', 'rows compared', 'evaluate ms (median)'],
  results,
);
console.log(`peak RSS ${Math.round(peakRssMb())} MB; ${machineSummary()}; ${codeVersion()}`);
console.log(
  "add includes building each record's ISO timestamp and object spread (what the test harness pays per record).",
);
