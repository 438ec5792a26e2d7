// Benchmark of the two-sample and k-sample hypothesis tests. Build first:
//   npx tsc -b packages/core && node bench/stats-tests.mjs [--quick]
// Prints one table: test, sizes, median wall-clock ms (after one warm-up run; at least 5 runs and
// at least 0.3 s of runs, at most 50), median CPU ms of this process (steadier on a shared
// machine), and the p-value. When the golden-fixture venv exists
// (scripts/goldens/.venv), scipy is timed on the same data (written to a temporary binary file and
// read by an inline Python script) and the table adds scipy's median ms, the ratio scipy / Vigie
// and scipy's p-value. Target: ks2samp 1M vs 1M <= 250 ms.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRandom } from '../packages/core/dist/random/index.js';
import {
  andersonKsamp,
  cramervonmises2samp,
  kruskal,
  ks2samp,
  mannwhitneyu,
  ttestInd,
} from '../packages/core/dist/stats/index.js';

const quick = process.argv.includes('--quick');
const BIG = quick ? 100_000 : 1_000_000;
const MID = quick ? 10_000 : 100_000;
const SMALL = 10_000;
const MIN_RUNS = quick ? 3 : 5;
const MAX_RUNS = 50;
const MIN_MS = 300;
const PYTHON = new URL('../scripts/goldens/.venv/bin/python', import.meta.url).pathname;

function normals(n, seed, shift = 0) {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() + shift;
  return out;
}

const data = {
  big_a: normals(BIG, 1),
  big_b: normals(BIG, 2, 0.002),
  mid_a: normals(MID, 3),
  mid_b: normals(MID, 4, 0.01),
  mid_c: normals(MID, 5, 0.005),
  small_a: normals(SMALL, 6),
  small_b: normals(SMALL, 7, 0.03),
};

// [label, sizes, Vigie call, scipy expression over the arrays of `data`]
const rows = [
  [
    'ks2samp (auto: asymptotic)',
    `${BIG} vs ${BIG}`,
    () => ks2samp(data.big_a, data.big_b),
    'stats.ks_2samp(big_a, big_b)',
  ],
  [
    'mannwhitneyu',
    `${MID} vs ${MID}`,
    () => mannwhitneyu(data.mid_a, data.mid_b),
    'stats.mannwhitneyu(mid_a, mid_b)',
  ],
  [
    'kruskal',
    `3 x ${MID}`,
    () => kruskal(data.mid_a, data.mid_b, data.mid_c),
    'stats.kruskal(mid_a, mid_b, mid_c)',
  ],
  [
    'ttestInd (Student)',
    `${BIG} vs ${BIG}`,
    () => ttestInd(data.big_a, data.big_b),
    'stats.ttest_ind(big_a, big_b)',
  ],
  [
    'andersonKsamp (midrank)',
    `2 x ${SMALL}`,
    () => andersonKsamp([data.small_a, data.small_b]),
    'stats.anderson_ksamp([small_a, small_b])',
  ],
  [
    'cramervonmises2samp (asymptotic)',
    `2 x ${SMALL}`,
    () => cramervonmises2samp(data.small_a, data.small_b),
    'stats.cramervonmises_2samp(small_a, small_b)',
  ],
  [
    'ks2samp (auto: exact, n1 = n2)',
    `${SMALL} vs ${SMALL}`,
    () => ks2samp(data.small_a, data.small_b),
    'stats.ks_2samp(small_a, small_b)',
  ],
  [
    'ks2samp (exact, n1 != n2)',
    `${SMALL} vs 7000`,
    () => ks2samp(data.small_a, data.small_b.subarray(0, 7000)),
    'stats.ks_2samp(small_a, small_b[:7000])',
  ],
];

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(run) {
  let result = run();
  const wall = [];
  const cpu = [];
  let spent = 0;
  for (let r = 0; r < MAX_RUNS && (r < MIN_RUNS || spent < MIN_MS); r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = run();
    wall.push(performance.now() - t0);
    spent += wall[wall.length - 1];
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), pvalue: result.pvalue };
}

/** Times the scipy expressions on the same arrays; null when the venv is missing or fails. */
function timeScipy() {
  if (!existsSync(PYTHON)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-tests-'));
  try {
    for (const [name, x] of Object.entries(data)) {
      writeFileSync(join(dir, `${name}.f64`), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    }
    const script = `
import json, os, sys, time, warnings
import numpy as np
from scipy import stats
warnings.simplefilter("ignore")
d = sys.argv[1]
arrays = {f[:-4]: np.fromfile(os.path.join(d, f), dtype="<f8") for f in os.listdir(d)}
globals().update(arrays)
out = []
for expr in json.loads(sys.argv[2]):
    res = eval(expr)
    times = []
    while len(times) < ${MAX_RUNS} and (len(times) < ${MIN_RUNS} or sum(times) < ${MIN_MS}):
        t0 = time.perf_counter(); res = eval(expr); times.append((time.perf_counter() - t0) * 1000)
    out.append({"ms": sorted(times)[len(times) // 2], "pvalue": float(res.pvalue)})
print(json.dumps(out))
`;
    const run = spawnSync(PYTHON, ['-c', script, dir, JSON.stringify(rows.map((r) => r[3]))], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (run.status !== 0) {
      console.error(`scipy timing failed: ${run.stderr.trim().split('\n').pop()}`);
      return null;
    }
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ours = rows.map(([, , run]) => time(run));
const scipy = timeScipy();
const header = ['test', 'n', 'median ms', 'cpu ms', 'p-value'];
if (scipy) header.push('scipy ms', 'scipy/vigie', 'scipy p-value');
const table = rows.map(([label, n], i) => {
  const o = ours[i];
  const cells = [label, n, o.wall.toFixed(1), o.cpu.toFixed(1), o.pvalue.toPrecision(6)];
  if (scipy) {
    const s = scipy[i];
    cells.push(s.ms.toFixed(1), `${(s.ms / o.wall).toFixed(1)}x`, s.pvalue.toPrecision(6));
  }
  return cells;
});
const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
const line = (cells) =>
  cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const cells of table) console.log(line(cells));
