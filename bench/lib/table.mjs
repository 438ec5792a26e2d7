/**
 * Helpers shared by the benchmark scripts: timing (median of runs after warm-up runs, wall-clock
 * and process CPU), plain-text tables, and the context a reader needs to trust the numbers
 * (machine load, peak RSS). The machine is shared, so every time is a median, never a mean.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/** Median of a list of numbers (the upper middle for an even count); NaN for an empty list. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times `run` (sync or async): `warmup` runs left out of the medians, then at least `runs` counted
 * runs, more while the counted runs total less than `minMs` (up to `maxRuns`). CPU is this process's user + system
 * time over the run, all threads included (DuckDB's workers too), so cpu > wall means parallelism.
 * @returns {Promise<{ ms: number, cpuMs: number, samples: number[], warmupSamples: number[], result: unknown }>}
 *   ms and cpuMs are medians over the timed runs; warmupSamples are the wall times of the warm-up
 *   runs (the first is what a cold command-line run would see); result is the last run's value.
 */
export async function measure(run, { runs = 5, warmup = 1, minMs = 0, maxRuns = Math.max(runs, 50) } = {}) {
  let result;
  const warmupSamples = [];
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    result = await run();
    warmupSamples.push(performance.now() - t0);
  }
  const samples = [];
  const cpu = [];
  let spent = 0;
  while (samples.length < runs || (spent < minMs && samples.length < maxRuns)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = run();
    // Only a real promise is awaited inside the timed region: a sync kernel pays no microtask.
    result = value instanceof Promise ? await value : value;
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    samples.push(ms);
    cpu.push((c.user + c.system) / 1000);
    spent += ms;
  }
  return { ms: median(samples), cpuMs: median(cpu), samples, warmupSamples, result };
}

/**
 * Prints an aligned table. `columns` are `{ header, align }` ('left' or 'right', default right) or
 * plain header strings (the first is left-aligned, the rest right-aligned); cells are strings
 * (numbers are printed with String()). Returns the lines, for callers that want them.
 */
export function printTable(columns, rows, { write = console.log } = {}) {
  const cols = columns.map((c, i) =>
    typeof c === 'string' ? { header: c, align: i === 0 ? 'left' : 'right' } : { align: 'right', ...c },
  );
  const cells = rows.map((row) => cols.map((_, i) => (row[i] === undefined ? '' : String(row[i]))));
  const widths = cols.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => (cols[i].align === 'left' ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const lines = [line(cols.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  for (const l of lines) write(l);
  return lines;
}

/** Milliseconds with a precision that suits their size: 0.123, 12.3, 1234. */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** Seconds with three decimals (or '-' when absent). */
export function formatSeconds(s) {
  return Number.isFinite(s) ? s.toFixed(3) : '-';
}

/** A speed ratio such as '3.4x' (or '-' when absent). */
export function formatRatio(x) {
  if (!Number.isFinite(x)) return '-';
  return x >= 100 ? `${x.toFixed(0)}x` : x >= 10 ? `${x.toFixed(1)}x` : `${x.toFixed(2)}x`;
}

/** 'pass' when `value` is within `target` (same unit), 'over' when above it. */
export function targetStatus(value, target) {
  if (!Number.isFinite(value) || target === undefined) return '';
  return value <= target ? 'pass' : 'over';
}

/** Peak resident set size of this process so far, in MB (10^6 bytes). */
export function peakRssMb() {
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}

/** One line about where the numbers were taken: Node, CPUs and the load averages. */
export function machineSummary() {
  const cores = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const model = cores[0]?.model?.trim() ?? 'unknown CPU';
  return `node ${process.version}, ${cores.length} CPUs (${model}), load average ${load}`;
}

/**
 * The commit the numbers belong to ('commit 7f919e4'), with a note when packages/ has uncommitted
 * changes (other work in the checkout). Read-only git queries; '' outside a git checkout.
 */
export function codeVersion() {
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'packages').length > 0;
    return `commit ${commit}${dirty ? ' + uncommitted changes in packages/' : ''}`;
  } catch {
    return '';
  }
}
