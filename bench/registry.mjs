#!/usr/bin/env node
/**
 * The registry benchmark (`npm run bench:registry`, issue 4): register 10,000 dataset versions and
 * 10,000 model versions, then time the lineage of a model 20 levels deep and the impact of a
 * source over every node, on SQLite (the embedded default) and, when a server is given, on
 * Postgres. Targets on SQLite: registration ≥ 500 versions/s; each query ≤ 50 ms.
 *
 *   node bench/registry.mjs [--versions 10000] [--postgres postgres://user:pass@host/db] [--no-blobs]
 *
 * The graph: two sources → 500 dataset names × 20 versions, each version the child of the previous
 * version of its name (chains 20 deep), every model version trained on one dataset version. The
 * first source feeds half the names, so its impact covers 10,000 versions (5,000 datasets and 5,000
 * models); both are flagged personal data, so `impact --personal-data` covers all 20,000. The
 * lineage of the newest model is 20 datasets deep.
 * Each registration also stores a 1 kB blob (written, fsynced, renamed) unless --no-blobs.
 * Build first: npm run build. Postgres gets a fresh schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  createFsBlobStore,
  openPostgresRegistry,
  openSqliteRegistry,
  parseRef,
  putBytes,
} from '../packages/core/dist/registry/index.js';
import {
  codeVersion,
  formatMs,
  machineSummary,
  measure,
  peakRssMb,
  printTable,
  targetStatus,
} from './lib/table.mjs';

const USAGE = 'usage: node bench/registry.mjs [--versions 10000] [--postgres URL] [--no-blobs]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      versions: { type: 'string', default: '10000' },
      postgres: { type: 'string', default: process.env.VIGIE_TEST_POSTGRES_URL ?? '' },
      'no-blobs': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`registry: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const N = Number(args.versions);
const NAMES = Math.max(1, Math.floor(N / 20));
const DEPTH = Math.ceil(N / NAMES);
const SOURCE = 'https://example.org/bench/source-a.csv';
const OTHER = 'https://example.org/bench/source-b.csv';
const log = (m) => process.stderr.write(`${m}\n`);

const hash = (i, salt) => {
  const hex = (i * 2654435761 + salt).toString(16).padStart(16, '0');
  return hex.repeat(4).slice(0, 64);
};

async function registerAll(store, blobs) {
  const schema = [
    { name: 'x', type: 'numeric' },
    { name: 'y', type: 'categorical' },
  ];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const name = `ds-${i % NAMES}`;
    const contentHash = blobs ? (await putBytes(blobs, randomBytes(1000))).hash : hash(i, 1);
    await store.registerDataset({
      name,
      by: 'bench',
      contentHash,
      format: 'csv',
      sizeBytes: 1000,
      rows: 10,
      schema,
      ...(i < NAMES
        ? {
            sources: [
              {
                uri: i < NAMES / 2 ? SOURCE : OTHER,
                contentHash: hash(i < NAMES / 2 ? 0 : 1, 9),
                personalData: true,
              },
            ],
          }
        : { parents: [`${name}@${Math.floor(i / NAMES)}`] }),
    });
    if (i % 2000 === 1999) log(`  ${i + 1} dataset versions`);
  }
  const datasets = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    const artifactHash = blobs ? (await putBytes(blobs, randomBytes(1000))).hash : hash(i, 2);
    await store.registerModel({
      name: `m-${i % NAMES}`,
      by: 'bench',
      dataset: `ds-${i % NAMES}@${Math.floor(i / NAMES) + 1}`,
      modelType: 'gbdt',
      hyperparameters: { depth: 3 + (i % 3) },
      artifactHash,
      artifactFormat: 'onnx',
      sizeBytes: 1000,
    });
    if (i % 2000 === 1999) log(`  ${i + 1} model versions`);
  }
  return { datasets, models: performance.now() - t1 };
}

async function queries(store) {
  const deepest = `model:m-${(N - 1) % NAMES}@${DEPTH}`;
  const rows = [];
  const q = async (label, run, check) => {
    const m = await measure(run, { runs: 20, warmup: 2 });
    rows.push({ label, ms: m.ms, detail: check(m.result) });
  };
  await q(
    `lineage --up of a model (${DEPTH} datasets deep)`,
    () => store.lineage(deepest, 'up'),
    (g) => `${g.nodes.length} nodes`,
  );
  await q(
    'lineage --down of a root dataset',
    () => store.lineage('dataset:ds-0@1', 'down'),
    (g) => `${g.nodes.length} nodes`,
  );
  await q(
    'impact of the source',
    () => store.impact({ uri: SOURCE }),
    (r) => `${r.affected.length} nodes`,
  );
  await q(
    'impact --personal-data',
    () => store.impact({ personalData: true }),
    (r) => `${r.affected.length} nodes`,
  );
  await q(
    'get by ref (name@version)',
    () => store.getDataset(parseRef(`ds-7@${DEPTH}`)),
    (v) => v.id,
  );
  await q(
    'list the newest version of each name',
    () => store.listDatasets(),
    (l) => `${l.length} names`,
  );
  return rows;
}

async function run(label, open) {
  log(`${label}: registering ${N} dataset versions and ${N} model versions ...`);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-registry-'));
  const { store, cleanup } = await open(dir);
  const blobs = args['no-blobs'] ? null : createFsBlobStore(join(dir, 'blobs'));
  try {
    const times = await registerAll(store, blobs);
    log(`${label}: queries ...`);
    return { label, times, rows: await queries(store) };
  } finally {
    await store[Symbol.asyncDispose]();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [
  await run('SQLite', async (dir) => ({
    store: await openSqliteRegistry(join(dir, 'registry.db')),
    cleanup: async () => {},
  })),
];
if (args.postgres) {
  results.push(
    await run('Postgres', async () => {
      const schema = `vigie_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: args.postgres });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const url = new URL(args.postgres);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        store: await openPostgresRegistry(url.toString()),
        cleanup: async () => {
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        },
      };
    }),
  );
}

console.log(
  `\nVigie registry benchmark: ${N} dataset versions + ${N} model versions (${NAMES} names × ${DEPTH} versions each)`,
);
console.log(`${machineSummary()}; ${codeVersion()}`);
console.log(
  `each registration is one transaction${args['no-blobs'] ? '' : ' plus a 1 kB blob (written, fsynced, renamed)'}; queries: median of 20 runs after 2 warm-ups\n`,
);
const table = [];
for (const r of results) {
  const dsRate = N / (r.times.datasets / 1000);
  const mRate = N / (r.times.models / 1000);
  table.push([
    r.label,
    'register dataset versions',
    `${dsRate.toFixed(0)} /s`,
    '≥ 500 /s',
    r.label === 'SQLite' ? (dsRate >= 500 ? 'pass' : 'under') : '',
    `${(r.times.datasets / 1000).toFixed(1)} s total`,
  ]);
  table.push([
    r.label,
    'register model versions',
    `${mRate.toFixed(0)} /s`,
    '≥ 500 /s',
    r.label === 'SQLite' ? (mRate >= 500 ? 'pass' : 'under') : '',
    `${(r.times.models / 1000).toFixed(1)} s total`,
  ]);
  for (const q of r.rows)
    table.push([
      r.label,
      q.label,
      `${formatMs(q.ms)} ms`,
      '≤ 50 ms',
      r.label === 'SQLite' ? targetStatus(q.ms, 50) : '',
      q.detail,
    ]);
}
printTable(
  [
    { header: 'store', align: 'left' },
    { header: 'operation', align: 'left' },
    'result',
    'target',
    'status',
    { header: 'detail', align: 'left' },
  ],
  table,
);
console.log(`\npeak RSS: ${peakRssMb().toFixed(0)} MB`);
