#!/usr/bin/env node
/**
 * The prediction log benchmark (`npm run bench:log`, issue 7): append throughput of each store
 * behind the writer's group commit, as the gateway uses it — many single-record appends in flight,
 * each awaited until committed (`ack: 'logged'`) — with the acknowledgement latency, then the
 * time to read everything back.
 *
 *   node bench/log.mjs [--records 100000] [--inflight 256] [--postgres URL] [--nats URL|auto|none]
 *
 * SQLite always (a temporary file, WAL, synchronous=NORMAL); Postgres when a URL is given (default
 * VIGIE_TEST_POSTGRES_URL; a fresh schema, dropped afterwards); NATS JetStream on a given server,
 * or `auto` (default): a nats-server -js started on a free loopback port when the binary is there.
 * Records look like the gateway's (a penguins row, a label and three probabilities).
 * Build first: npm run build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPredictionLog } from '../packages/core/dist/monitor/index.js';
import { codeVersion, formatMs, machineSummary, printTable } from './lib/table.mjs';

const USAGE =
  'usage: node bench/log.mjs [--records 100000] [--inflight 256] [--postgres URL] [--nats URL|auto|none]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      records: { type: 'string', default: '100000' },
      inflight: { type: 'string', default: '256' },
      postgres: { type: 'string', default: process.env.VIGIE_TEST_POSTGRES_URL ?? '' },
      nats: { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`log: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const RECORDS = Number(args.records);
const INFLIGHT = Number(args.inflight);
if (!(Number.isInteger(RECORDS) && RECORDS > 0 && Number.isInteger(INFLIGHT) && INFLIGHT > 0)) {
  console.error(`log: --records and --inflight must be positive integers\n${USAGE}`);
  process.exit(2);
}

const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'];
function record(run, i) {
  return {
    id: `${run}-${String(i).padStart(9, '0')}`,
    at: new Date().toISOString(),
    model: 'penguins',
    version: '1.0.0',
    role: 'primary',
    probe: false,
    inputs: {
      bill_length_mm: 39.1 + (i % 20),
      bill_depth_mm: 18.7,
      flipper_length_mm: 181 + (i % 30),
      body_mass_g: 3750,
      island: ISLANDS[i % 3],
      sex: i % 2 === 0 ? 'male' : 'female',
    },
    output: { label: 'Adelie', probabilities: { Adelie: 0.91, Chinstrap: 0.06, Gentoo: 0.03 } },
    latencyMs: 0.21,
  };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** RECORDS single-record appends, INFLIGHT at a time, each timed until it is committed. */
async function bench(name, url) {
  const log = await openPredictionLog(url);
  const run = randomBytes(4).toString('hex');
  const latencies = new Float64Array(RECORDS);
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    while (next < RECORDS) {
      const i = next++;
      const t = performance.now();
      await log.append([record(run, i)]);
      latencies[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, lane));
  const seconds = (performance.now() - start) / 1000;
  const readStart = performance.now();
  let read = 0;
  for await (const _ of log.read()) read++;
  const readSeconds = (performance.now() - readStart) / 1000;
  const health = log.health();
  await log[Symbol.asyncDispose]();
  if (health.written !== RECORDS || read !== RECORDS)
    throw new Error(`${name}: wrote ${health.written} and read ${read} of ${RECORDS}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return [
    name,
    RECORDS.toLocaleString('en-US'),
    Math.round(RECORDS / seconds).toLocaleString('en-US'),
    formatMs(quantile(sorted, 0.5)),
    formatMs(quantile(sorted, 0.99)),
    Math.round(read / readSeconds).toLocaleString('en-US'),
  ];
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startNats() {
  if (spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-nats-'));
  const port = await freePort();
  const child = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
    stdio: 'ignore',
  });
  for (let tries = 0; tries < 200; tries++) {
    const up = await new Promise((resolve) => {
      const s = new Socket();
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1');
    });
    if (up)
      return {
        url: `nats://127.0.0.1:${port}`,
        stop: async () => {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('nats-server did not start');
}

const rows = [];
const notes = [];
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-log-'));
try {
  rows.push(await bench('SQLite (WAL, synchronous=NORMAL)', `sqlite:${join(dir, 'log.db')}`));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (args.postgres) {
  const schema = `vigie_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: args.postgres });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const url = new URL(args.postgres);
    url.searchParams.set('options', `-c search_path=${schema}`);
    rows.push(await bench('Postgres (multi-row insert)', url.toString()));
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
} else notes.push('Postgres: skipped (give --postgres URL or set VIGIE_TEST_POSTGRES_URL)');

if (args.nats !== 'none') {
  const server = args.nats === 'auto' ? await startNats() : { url: args.nats, stop: async () => undefined };
  if (server) {
    try {
      rows.push(
        await bench('NATS JetStream (file, acks)', `${server.url}/bench_${randomBytes(4).toString('hex')}`),
      );
    } finally {
      await server.stop();
    }
  } else notes.push('NATS JetStream: skipped (nats-server not found; apt-get install nats-server)');
}

console.log(
  `Prediction log: ${RECORDS.toLocaleString('en-US')} single-record appends, ${INFLIGHT} in flight, each awaited until committed (group commit: batches of up to 1000, 2 ms)`,
);
printTable(['store', 'records', 'appends/s', 'ack p50 ms', 'ack p99 ms', 'read/s'], rows);
for (const n of notes) console.log(n);
console.log(`${machineSummary()}; ${codeVersion()}`);
