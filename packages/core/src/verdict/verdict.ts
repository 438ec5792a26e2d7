/**
 * The outcome of one check, gate or analysis. "Could not measure" is `inconclusive` with what
 * would decide it, never `pass`.
 */
export type VerdictStatus = 'pass' | 'warn' | 'fail' | 'inconclusive';

export const VERDICT_STATUSES: readonly VerdictStatus[] = ['pass', 'warn', 'fail', 'inconclusive'];

export interface EffectSize {
  /** What the effect size measures, e.g. "share missing", "Wasserstein / sd(reference)", "Cramér's V". */
  name: string;
  value: number;
  /** Confidence interval, when one exists. */
  ci?: readonly [number, number];
  confidenceLevel?: number;
}

export interface Verdict {
  status: VerdictStatus;
  /** Stable identifier of the check that produced it (from the config or derived). */
  check: string;
  /** Kind of check (type, range, drift, ...). */
  kind: string;
  /** Column(s) or other subject the verdict is about. */
  subject?: string;
  /** How the value was measured, e.g. "share of rows outside [2000, 7000]", "ks2samp". */
  method: string;
  /** The measured value (null when nothing could be measured). */
  value: number | null;
  /** The threshold it was compared with, and how. */
  threshold: number | null;
  comparison?: '<=' | '<' | '>=' | '>' | '==';
  /** Sample sizes behind the value. */
  sampleSizes: Readonly<Record<string, number>>;
  effectSize?: EffectSize;
  /** One human sentence: why this status. */
  reason: string;
  /** For inconclusive verdicts: what would decide them. */
  decideBy?: string;
  /** Where to look: up to a few offending rows (1-based) and values. */
  examples?: ReadonlyArray<{ row?: number; value?: string | number | null; column?: string }>;
  /** Method-specific extras (p-values, corrected p-values, per-category details). */
  details?: Readonly<Record<string, unknown>>;
}

const RANK: Record<VerdictStatus, number> = { pass: 0, inconclusive: 1, warn: 2, fail: 3 };

/** The most severe status: fail > warn > inconclusive > pass; pass for an empty list. */
export function worstStatus(statuses: Iterable<VerdictStatus>): VerdictStatus {
  let worst: VerdictStatus = 'pass';
  for (const s of statuses) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

export interface VerdictCounts {
  pass: number;
  warn: number;
  fail: number;
  inconclusive: number;
  total: number;
}

export function countVerdicts(verdicts: Iterable<Pick<Verdict, 'status'>>): VerdictCounts {
  const counts: VerdictCounts = { pass: 0, warn: 0, fail: 0, inconclusive: 0, total: 0 };
  for (const v of verdicts) {
    counts[v.status]++;
    counts.total++;
  }
  return counts;
}

/**
 * Applies a threshold: `value <= threshold` (or the given comparison) passes; otherwise the
 * check's severity decides between warn and fail. NaN or null values are inconclusive.
 */
export function compareStatus(
  value: number | null,
  threshold: number,
  comparison: NonNullable<Verdict['comparison']>,
  severity: 'fail' | 'warn' = 'fail',
): VerdictStatus {
  if (value === null || Number.isNaN(value)) return 'inconclusive';
  const ok =
    comparison === '<='
      ? value <= threshold
      : comparison === '<'
        ? value < threshold
        : comparison === '>='
          ? value >= threshold
          : comparison === '>'
            ? value > threshold
            : value === threshold;
  return ok ? 'pass' : severity;
}
