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
import {
  andersonKsamp,
  cramervonmises2samp,
  kruskal,
  ks2samp,
  mannwhitneyu,
  ttestInd,
} from '../packages/core/dist/stats/index.js';
import { normals } from './lib/samples.mjs';
import { formatMs, formatRatio, measure, printTable } from './lib/table.mjs';

const quick = process.argv.includes('--quick');
const BIG = quick ? 100_000 : 1_000_000;
const MID = quick ? 10_000 : 100_000;
const SMALL = 10_000;
const MIN_RUNS = quick ? 3 : 5;
const MAX_RUNS = 50;
const MIN_MS = 300;
const PYTHON = new URL('../scripts/goldens/.venv/bin/python', import.meta.url).pathname;

const data = {
  big_a: normals(BIG, 1),
  big_b: normals(BIG, 2, { shift: 0.002 }),
  mid_a: normals(MID, 3),
  mid_b: normals(MID, 4, { shift: 0.01 }),
  mid_c: normals(MID, 5, { shift: 0.005 }),
  small_a: normals(SMALL, 6),
  small_b: normals(SMALL, 7, { shift: 0.03 }),
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

async function time(run) {
  const m = await measure(run, { runs: MIN_RUNS, warmup: 1, minMs: MIN_MS, maxRuns: MAX_RUNS });
  return { wall: m.ms, cpu: m.cpuMs, pvalue: m.result.pvalue };
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

const ours = [];
for (const [, , run] of rows) ours.push(await time(run));
const scipy = timeScipy();
const header = ['test', 'n', 'median ms', 'cpu ms', 'p-value'];
if (scipy) header.push('scipy ms', 'scipy/vigie', 'scipy p-value');
const table = rows.map(([label, n], i) => {
  const o = ours[i];
  const cells = [label, n, formatMs(o.wall), formatMs(o.cpu), o.pvalue.toPrecision(6)];
  if (scipy) {
    const s = scipy[i];
    cells.push(formatMs(s.ms), formatRatio(s.ms / o.wall), s.pvalue.toPrecision(6));
  }
  return cells;
});
printTable([{ header: 'test', align: 'left' }, { header: 'n', align: 'left' }, ...header.slice(2)], table);
