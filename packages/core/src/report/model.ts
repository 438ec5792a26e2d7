import type { Transformation } from '../checks/index.js';
import type { DriftResult } from '../drift/index.js';
import type { Comparison, EvaluationResult } from '../evaluation/index.js';
import type { Explanation } from '../explain/index.js';
import type { DatasetProfile } from '../profile/index.js';
import type { SplitResult } from '../split/index.js';
import {
  countVerdicts,
  type Verdict,
  type VerdictCounts,
  type VerdictStatus,
  worstStatus,
} from '../verdict/index.js';

export const REPORT_SCHEMA_VERSION = 1 as const;

/**
 * One report model for every command; the console, JSON, JUnit, HTML and Markdown renderers all
 * read it. It holds summaries only (profiles, test results), never raw rows.
 */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  kind: 'vigie.report';
  command: 'check' | 'drift' | 'profile' | 'split' | 'evaluate' | 'compare' | 'explain' | 'test-integration';
  title: string;
  /** ISO time the report was made. */
  createdAt: string;
  vigieVersion: string;
  /** The worst verdict status (fail > warn > inconclusive > pass). */
  status: VerdictStatus;
  counts: VerdictCounts;
  /** Every verdict, in order; one JUnit test case each. */
  verdicts: Verdict[];
  dataset?: { source: string | null; rows: number; columns: number; contentHash: string };
  /** Profile of the checked data (for histograms and quantiles). */
  profile?: DatasetProfile;
  /** Drift comparisons, with the reference profile when one is known (for overlaid histograms). */
  drift?: Array<{ name: string; result: DriftResult; reference?: DatasetProfile; current?: DatasetProfile }>;
  /** Correlation matrix of the numeric columns. */
  correlation?: { method: 'pearson' | 'spearman'; columns: string[]; matrix: number[] };
  split?: SplitResult;
  /** Checks run on each split (issue: each split validated with the same checks). */
  splitChecks?: Array<{ split: string; rows: number; verdicts: Verdict[] }>;
  repair?: { output: string | null; transformations: Transformation[] };
  /** A model's evaluation: metrics with intervals, confusion matrix, curves, slices. */
  evaluation?: { model: string; split: string | null; result: EvaluationResult };
  /** Paired comparisons of a candidate and a champion. */
  comparison?: { candidate: string; champion: string; comparisons: Comparison[] };
  /** A model's explanation: SHAP and permutation importance per column, one row's contributions. */
  explanation?: Explanation;
}

export interface ReportInput
  extends Omit<Report, 'schemaVersion' | 'kind' | 'status' | 'counts' | 'createdAt'> {
  createdAt?: string;
}

/** Builds a report, deriving its status and counts from the verdicts (split checks included). */
export function createReport(input: ReportInput): Report {
  const all = [...input.verdicts, ...(input.splitChecks ?? []).flatMap((s) => s.verdicts)];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: 'vigie.report',
    ...input,
    createdAt: input.createdAt ?? new Date().toISOString(),
    status: worstStatus(all.map((v) => v.status)),
    counts: countVerdicts(all),
  };
}
