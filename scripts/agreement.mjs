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
  const { fn, err } = JSON.parse(line);
  const prev = worst.get(fn) ?? { err: 0, n: 0 };
  worst.set(fn, { err: err === null ? Number.POSITIVE_INFINITY : Math.max(prev.err, err), n: prev.n + 1 });
}
rmSync(dir, { recursive: true, force: true });
const rows = [...worst.entries()].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(8, ...rows.map(([fn]) => fn.length));
console.log(`${'function'.padEnd(width)}  ${'values'.padStart(7)}  worst relative error`);
for (const [fn, { err, n }] of rows) {
  console.log(`${fn.padEnd(width)}  ${String(n).padStart(7)}  ${err === 0 ? '0' : err.toExponential(2)}`);
}
process.exitCode = run.status ?? 1;
