import type { CheckSpec } from '../config-schema/index.js';
import { proportionConfint } from '../stats/index.js';
import { type Column, formatValue, getColumn, type Table } from '../table/index.js';
import type { EffectSize, Verdict, VerdictStatus } from '../verdict/index.js';

/** The columns a check names (`column` or `columns`), each checked to exist. */
export function checkColumns(
  table: Table,
  spec: { column?: string | undefined; columns?: readonly string[] | undefined },
): Column[] {
  const names = spec.columns ?? (spec.column !== undefined ? [spec.column] : []);
  return names.map((n) => getColumn(table, n));
}

/** The check's identifier: its name, or kind and subject. */
export function checkId(spec: CheckSpec, subject?: string): string {
  if (spec.name !== undefined)
    return subject !== undefined && multiSubject(spec) ? `${spec.name}:${subject}` : spec.name;
  return subject === undefined ? spec.check : `${spec.check}:${subject}`;
}

function multiSubject(spec: CheckSpec): boolean {
  return 'columns' in spec && Array.isArray(spec.columns) && spec.columns.length > 1;
}

/** Up to `limit` examples (1-based rows and values) where `mask` is set. */
export function examplesOf(col: Column, mask: Uint8Array, limit = 5): NonNullable<Verdict['examples']> {
  const out: Array<{ row: number; value: string | number | null; column: string }> = [];
  for (let i = 0; i < mask.length && out.length < limit; i++) {
    if (mask[i]) out.push({ row: i + 1, value: formatValue(col, i), column: col.name });
  }
  return out;
}

/** A share with its Wilson 95% interval, as the verdict's effect size. */
export function shareEffect(name: string, count: number, n: number): EffectSize {
  const value = n === 0 ? Number.NaN : count / n;
  if (n === 0) return { name, value };
  const [lo, hi] = proportionConfint(count, n);
  return { name, value, ci: [lo, hi], confidenceLevel: 0.95 };
}

export function pct(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const p = x * 100;
  return `${p === 0 ? '0' : p < 0.01 ? '<0.01' : Number(p.toPrecision(3))}%`;
}

/**
 * A verdict for "the share of rows with a property is at most `maxShare`".
 * No rows to measure → inconclusive.
 */
export function shareVerdict(args: {
  check: string;
  kind: string;
  subject: string;
  method: string;
  count: number;
  n: number;
  maxShare: number;
  severity: 'fail' | 'warn';
  what: string;
  examples?: Verdict['examples'];
  details?: Verdict['details'];
}): Verdict {
  const { count, n, maxShare } = args;
  if (n === 0) {
    return {
      status: 'inconclusive',
      check: args.check,
      kind: args.kind,
      subject: args.subject,
      method: args.method,
      value: null,
      threshold: maxShare,
      comparison: '<=',
      sampleSizes: { n: 0 },
      reason: `no values to check in "${args.subject}"`,
      decideBy: 'data with at least one non-missing value',
    };
  }
  const share = count / n;
  const ok = share <= maxShare;
  const status: VerdictStatus = ok ? 'pass' : args.severity;
  return {
    status,
    check: args.check,
    kind: args.kind,
    subject: args.subject,
    method: args.method,
    value: share,
    threshold: maxShare,
    comparison: '<=',
    sampleSizes: { n },
    effectSize: shareEffect(`share ${args.what}`, count, n),
    reason: `${count} of ${n} ${args.what} (${pct(share)}) ${ok ? '≤' : '>'} ${pct(maxShare)} allowed`,
    ...(args.examples && args.examples.length > 0 && !ok ? { examples: args.examples } : {}),
    ...(args.details ? { details: args.details } : {}),
  };
}
