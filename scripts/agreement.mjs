// Prints the worst relative error per function against the Python references.
// Usage: npm run agreement   (runs the golden tests with VIGIE_AGREEMENT_FILE set)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'vigie-agreement-'));
const file = join(dir, 'records.jsonl');
const run = spawnSync('npx', ['vitest', 'run', 'packages/core/src', ...process.argv.slice(2)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, VIGIE_AGREEMENT_FILE: file },
});
const worst = new Map();
let text = '';
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.error('no golden comparisons were recorded');
}
for (const line of text.split('\n')) {
  if (!line) continue;
  const { fn, kind, err } = JSON.parse(line);
  const prev = worst.get(fn) ?? { rel: 0, abs: 0, n: 0 };
  const e = err === null ? Number.POSITIVE_INFINITY : err;
  if (kind === 'abs') prev.abs = Math.max(prev.abs, e);
  else prev.rel = Math.max(prev.rel, e);
  prev.n++;
  worst.set(fn, prev);
}
rmSync(dir, { recursive: true, force: true });
const rows = [...worst.entries()].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(8, ...rows.map(([fn]) => fn.length));
const fmt = (x) => (x === 0 ? '0' : x.toExponential(2));
console.log(
  `${'function'.padEnd(width)}  ${'values'.padStart(7)}  ${'worst relative'.padStart(14)}  ${'worst absolute (|ref| < 1e-12)'}`,
);
for (const [fn, { rel, abs, n }] of rows) {
  console.log(`${fn.padEnd(width)}  ${String(n).padStart(7)}  ${fmt(rel).padStart(14)}  ${fmt(abs)}`);
}
process.exitCode = run.status ?? 1;
