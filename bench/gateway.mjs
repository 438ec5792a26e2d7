#!/usr/bin/env node
/**
 * The gateway benchmark (`npm run bench:gateway`): single-row predictions of a small ONNX model
 * (the penguins logistic regression of packages/core/test/fixtures/models, 4 numeric inputs, 3
 * classes) called in process, through the Vigie gateway on loopback without and with a shadow
 * mirror, and through FastAPI + uvicorn + ONNX Runtime (bench/peers/fastapi_onnx.py) when
 * bench/peers/.venv exists. Each server runs alone in a child process; the load generator
 * (bench/gateway/load.mjs, raw keep-alive sockets, one request in flight per connection) runs in
 * this one. 1 connection gives the latency (p50, p99); 32 connections the throughput.
 *
 * The shadow's cost on the primary is also measured paired: a gateway without and one with a
 * shadow run side by side (each idle while the other is loaded) and take short 1-connection bursts
 * in turn (--pairs, default 12 × 1.5 s), so both see the same load on the shared machine; the
 * overhead is the median of the per-pair p50 ratios, and each server's CPU per request is read
 * from its /metrics (process_cpu_seconds_total).
 *
 * A fourth gateway row appends every prediction to a SQLite prediction log and answers only once
 * it is committed (--ack logged). With --soak S, the gateway then takes 32 connections for S
 * seconds while its RSS and heap are read from /metrics every 5 s (the reliability check: no
 * failed request, flat memory, p99).
 *
 *   node bench/gateway.mjs [--seconds 3] [--rounds 3] [--warmup 1] [--pairs 12] [--no-python] [--soak 60]
 *
 * Every setup is measured in each of --rounds rounds (alternating, so a burst of load on a shared
 * machine spreads over all of them) and the table shows medians. Build first (npm run build).
 * Bounded: about 8 s per setup and connection count and round, 3 to 4 minutes in all by default,
 * plus 40 s for the pairs and the soak.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openOnnxModel } from '../packages/core/dist/models/index.js';
import { createTable, float64Column } from '../packages/core/dist/table/index.js';
import { load, quantile } from './gateway/load.mjs';
import { findPython } from './lib/peers.mjs';
import { codeVersion, machineSummary, printTable } from './lib/table.mjs';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    pairs: { type: 'string', default: '12' },
    'no-python': { type: 'boolean', default: false },
    soak: { type: 'string', default: '0' },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const warmupMs = Number(args.warmup) * 1000;
const MODEL = fileURLToPath(
  new URL('../packages/core/test/fixtures/models/penguins-logreg.onnx', import.meta.url),
);
const FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];
const CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];
const SIGNATURE = { task: 'classification', inputs: FEATURES.map((name) => ({ name, type: 'numeric' })) };
const ROW = { bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750 };
const BODY = JSON.stringify({ rows: [ROW] });
const PATH = '/v1/models/bench/predict';

/** The model in this process: one 1-row table per call, as a library user predicts. */
async function inProcess() {
  const model = await openOnnxModel(MODEL, { signature: SIGNATURE, threads: 1 });
  const table = () => createTable(FEATURES.map((f) => float64Column(f, new Float64Array([ROW[f]]))));
  const end0 = performance.now() + warmupMs;
  while (performance.now() < end0) await model.predict(table());
  const lat = [];
  const end1 = performance.now() + seconds * 1000;
  while (performance.now() < end1) {
    const t0 = performance.now();
    await model.predict(table());
    lat.push(performance.now() - t0);
  }
  const one = { rps: lat.length / seconds, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99) };
  let count = 0;
  const t0 = performance.now();
  const stop = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < stop) {
        await model.predict(table());
        count++;
      }
    }),
  );
  await model[Symbol.asyncDispose]();
  return { one, many: { rps: count / ((performance.now() - t0) / 1000), p50: Number.NaN, p99: Number.NaN } };
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers a prediction (uvicorn says it started before it listens). */
async function answering(url) {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}${PATH}`, {
        method: 'POST',
        body: BODY,
        headers: { 'content-type': 'application/json' },
      });
      await res.text();
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} never answered`);
}

/** Starts a server process and resolves with its URL once it prints READY and answers. */
function startServer(command, argv, urlOf) {
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (b) => {
    err += b;
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => {
      out += b;
      const m = /READY ?(\S*)/.exec(out);
      if (m) {
        const url = urlOf(m[1]);
        answering(url).then(() => resolve({ child, url, output: () => out }), reject);
      }
    });
    child.on('close', (code) =>
      reject(new Error(`${command} exited (${code}) before READY:\n${err.slice(-2000)}`)),
    );
  });
}

async function measureServer(server) {
  const one = await load({
    url: server.url,
    path: PATH,
    body: BODY,
    connections: 1,
    durationMs: seconds * 1000,
    warmupMs,
  });
  const many = await load({
    url: server.url,
    path: PATH,
    body: BODY,
    connections: 32,
    durationMs: seconds * 1000,
    warmupMs,
  });
  const stats = (r) => ({
    rps: r.count / r.seconds,
    p50: quantile(r.latenciesMs, 0.5),
    p99: quantile(r.latenciesMs, 0.99),
    failed: r.non200 + r.errors,
  });
  return { one: stats(one), many: stats(many) };
}

async function stopServer(server) {
  const closed = new Promise((r) => server.child.on('close', r));
  server.child.kill('SIGTERM');
  await closed;
}

const gatewayScript = fileURLToPath(new URL('./gateway/serve.mjs', import.meta.url));
const logDir = mkdtempSync(join(tmpdir(), 'vigie-bench-gateway-'));
const python = args['no-python']
  ? null
  : findPython(fileURLToPath(new URL('./peers/.venv', import.meta.url)));
if (!python && !args['no-python'])
  console.error('peer skipped: no bench/peers/.venv (see bench/peers/README.md)');

/** Every setup, each started fresh in every round (servers in their own process). */
const setups = [
  ['in process (model.predict)', inProcess],
  ...[
    ['Vigie gateway', []],
    ['Vigie gateway + shadow mirror', ['--shadow']],
    [
      'Vigie gateway + SQLite log, ack logged',
      ['--log', `sqlite:${join(logDir, 'predictions.db')}`, '--ack', 'logged'],
    ],
  ].map(([name, extra]) => [
    name,
    async () => {
      const server = await startServer(
        process.execPath,
        [gatewayScript, MODEL, JSON.stringify(SIGNATURE), ...extra],
        (u) => u,
      );
      const r = await measureServer(server);
      await stopServer(server);
      const mirrors = /MIRRORS (.*)/.exec(server.output());
      return { ...r, mirrors: mirrors ? JSON.parse(mirrors[1]) : [] };
    },
  ]),
  ...(python
    ? [
        [
          'FastAPI + uvicorn + ONNX Runtime',
          async () => {
            const port = await freePort();
            const server = await startServer(
              python,
              [
                fileURLToPath(new URL('./peers/fastapi_onnx.py', import.meta.url)),
                MODEL,
                String(port),
                FEATURES.join(','),
                CLASSES.join(','),
              ],
              () => `http://127.0.0.1:${port}`,
            );
            const r = await measureServer(server);
            await stopServer(server);
            return r;
          },
        ],
      ]
    : []),
];

// Rounds alternate the setups, so a burst of load on the shared machine spreads over all of them;
// each cell is the median of its rounds.
const runs = new Map(setups.map(([name]) => [name, []]));
for (let round = 1; round <= rounds; round++)
  for (const [name, run] of setups) {
    console.error(`round ${round}/${rounds}: ${name} ...`);
    runs.get(name).push(await run());
  }
rmSync(logDir, { recursive: true, force: true });
const med = (xs) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length === 0 ? Number.NaN : v[Math.floor((v.length - 1) / 2)];
};
const results = [...runs].map(([name, rs]) => {
  const side = (k) => ({
    rps: med(rs.map((r) => r[k].rps)),
    p50: med(rs.map((r) => r[k].p50)),
    p99: med(rs.map((r) => r[k].p99)),
    failed: rs.every((r) => r[k].failed === undefined)
      ? undefined
      : rs.reduce((t, r) => t + (r[k].failed ?? 0), 0),
  });
  return [name, { one: side('one'), many: side('many') }, rs.flatMap((r) => r.mirrors ?? [])];
});

const f = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '');
const n = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '');
console.log(
  `\nbench:gateway — 1-row predictions of penguins-logreg.onnx; each cell the median of ${rounds} rounds of ${seconds} s after ${warmupMs / 1000} s warm-up`,
);
console.log(`${machineSummary()}; ${codeVersion()}\n`);
printTable(
  ['setup', '1 conn req/s', 'p50 ms', 'p99 ms', '32 conns req/s', 'p50 ms', 'p99 ms', 'failed'],
  results.map(([name, r]) => [
    name,
    n(r.one.rps),
    f(r.one.p50),
    f(r.one.p99),
    n(r.many.rps),
    f(r.many.p50),
    f(r.many.p99),
    r.one.failed === undefined ? '' : String(r.one.failed + r.many.failed),
  ]),
);
const get = (name) => results.find(([k]) => k === name)?.[1];
const inproc = get('in process (model.predict)');
const gw = get('Vigie gateway');
const sh = get('Vigie gateway + shadow mirror');
const peer = get('FastAPI + uvicorn + ONNX Runtime');
const mirrors = results.find(([k]) => k === 'Vigie gateway + shadow mirror')?.[2] ?? [];
console.log('\ntargets');
printTable(
  ['target', 'measured', 'goal', 'met'],
  [
    [
      'gateway p50 above in process (1 conn)',
      `${f(gw.one.p50 - inproc.one.p50)} ms`,
      '<= 0.3 ms',
      gw.one.p50 - inproc.one.p50 <= 0.3 ? 'yes' : 'no',
    ],
    [
      'single-row predictions/s (32 conns)',
      n(gw.many.rps),
      '>= 10,000',
      gw.many.rps >= 10_000 ? 'yes' : 'no',
    ],
    [
      'shadow on primary p50 (1 conn, rounds)',
      `+${f((sh.one.p50 / gw.one.p50 - 1) * 100, 1)}%`,
      '<= 10%',
      sh.one.p50 / gw.one.p50 - 1 <= 0.1 ? 'yes' : 'no',
    ],
    ...(peer
      ? [
          [
            'throughput vs FastAPI (32 conns)',
            `${f(gw.many.rps / peer.many.rps, 2)}x`,
            '>= 3x',
            gw.many.rps / peer.many.rps >= 3 ? 'yes' : 'no',
          ],
        ]
      : []),
  ],
);
const totals = new Map();
for (const line of mirrors) {
  const m = /outcome="(\w+)"\} (\d+)/.exec(line);
  if (m && line.includes('model="bench"')) totals.set(m[1], (totals.get(m[1]) ?? 0) + Number(m[2]));
}
if (totals.size > 0)
  console.log(`\nshadow mirrors (all rounds): ${[...totals].map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);

/**
 * The paired shadow measurement (see the top of this file): both servers up at once, alternating
 * 1.5 s bursts at 1 connection (the order flips every pair).
 */
async function shadowPaired(pairs) {
  const start = (extra) =>
    startServer(process.execPath, [gatewayScript, MODEL, JSON.stringify(SIGNATURE), ...extra], (u) => u);
  const servers = [
    { name: 'Vigie gateway', server: await start([]), runs: [] },
    { name: 'Vigie gateway + shadow mirror', server: await start(['--shadow']), runs: [] },
  ];
  const cpuSeconds = async (url) =>
    Number(/^process_cpu_seconds_total (\S+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
  const burst = (s, ms) =>
    load({ url: s.server.url, path: PATH, body: BODY, connections: 1, durationMs: ms });
  for (const s of servers) await burst(s, warmupMs);
  const loads = [];
  for (let i = 0; i < pairs; i++) {
    for (const s of i % 2 === 0 ? servers : [...servers].reverse()) {
      const cpu0 = await cpuSeconds(s.server.url);
      const r = await burst(s, 1500);
      const cpu1 = await cpuSeconds(s.server.url);
      s.runs.push({
        p50: quantile(r.latenciesMs, 0.5),
        p99: quantile(r.latenciesMs, 0.99),
        rps: r.count / r.seconds,
        cpuUs: ((cpu1 - cpu0) * 1e6) / r.count,
        failed: r.non200 + r.errors,
      });
    }
    loads.push(loadavg()[0]);
  }
  for (const s of servers) await stopServer(s.server);
  const ratios = servers[1].runs.map((r, i) => r.p50 / servers[0].runs[i].p50 - 1);
  return { servers, ratios, loads };
}

const pairs = Number(args.pairs);
if (pairs > 0) {
  console.error(`shadow, paired: ${pairs} pairs of 1.5 s bursts ...`);
  const { servers, ratios, loads } = await shadowPaired(pairs);
  const within = ratios.filter((x) => x <= 0.1).length;
  console.log(
    `\nshadow mirror on the primary, paired: both servers up, ${pairs} alternating pairs of 1.5 s at 1 connection (load average ${f(Math.min(...loads), 2)}–${f(Math.max(...loads), 2)} during)`,
  );
  printTable(
    ['setup', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/request', 'failed'],
    servers.map((s) => [
      s.name,
      n(med(s.runs.map((r) => r.rps))),
      f(med(s.runs.map((r) => r.p50))),
      f(med(s.runs.map((r) => r.p99))),
      f(med(s.runs.map((r) => r.cpuUs)), 1),
      String(s.runs.reduce((t, r) => t + r.failed, 0)),
    ]),
  );
  const overhead = med(ratios);
  console.log(
    `shadow on primary p50, median of the per-pair ratios: ${overhead >= 0 ? '+' : ''}${f(overhead * 100, 1)}% (goal <= 10%: ${overhead <= 0.1 ? 'met' : 'not met'}); pairs within 10%: ${within}/${pairs}`,
  );
}

const soakSeconds = Number(args.soak);
if (soakSeconds > 0) {
  console.error(`soak: 32 connections for ${soakSeconds} s ...`);
  const server = await startServer(
    process.execPath,
    [gatewayScript, MODEL, JSON.stringify(SIGNATURE)],
    (u) => u,
  );
  const samples = [];
  const gauge = (text, name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  const sampler = setInterval(async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    samples.push({
      t: samples.length * 5,
      rss: gauge(text, 'process_resident_memory_bytes'),
      heap: gauge(text, 'nodejs_heap_bytes\\{kind="used"\\}'),
    });
  }, 5000);
  const r = await load({
    url: server.url,
    path: PATH,
    body: BODY,
    connections: 32,
    durationMs: soakSeconds * 1000,
  });
  clearInterval(sampler);
  await stopServer(server);
  const mb = (b) => (b / 1048576).toFixed(1);
  console.log(
    `\nsoak: ${soakSeconds} s at 32 connections: ${n(r.count)} requests (${n(r.count / r.seconds)}/s), ${r.non200 + r.errors} failed, p50 ${f(quantile(r.latenciesMs, 0.5))} ms, p99 ${f(quantile(r.latenciesMs, 0.99))} ms, max ${f(quantile(r.latenciesMs, 1))} ms`,
  );
  console.log(`RSS MB every 5 s: ${samples.map((x) => mb(x.rss)).join(' ')}`);
  console.log(`heap used MB every 5 s: ${samples.map((x) => mb(x.heap)).join(' ')}`);
}
