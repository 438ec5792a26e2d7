import type { CanaryAnalysis, Outcome, ShadowSummary } from '@vigie/core/release';
import type { Verdict } from '@vigie/core/verdict';

/** Where a release is: running phases, then one of the ends. */
export type ReleaseState =
  | 'offline'
  | 'shadow'
  | 'canary'
  | 'held'
  | 'switched'
  | 'shadow-passed'
  | 'promoted'
  | 'rolled-back'
  | 'failed';

/** A release is over once promoted, rolled back, failed, or (shadow strategy) its shadow passed. */
export const FINAL_STATES: ReadonlySet<ReleaseState> = new Set([
  'promoted',
  'rolled-back',
  'failed',
  'shadow-passed',
]);

/** One decision or step, as recorded in the registry's event log (type `release.*`). */
export interface ReleaseHistoryEntry {
  at: string;
  type: string;
  state: ReleaseState;
  reason: string;
  /** The analysis attached to the release as its evidence (registry id), when a registry is used. */
  evidence: string[];
  payload: Record<string, unknown>;
}

/** What `GET /v1/admin/releases/{id}` answers. */
export interface ReleaseStatus {
  id: string;
  name: string | null;
  model: string;
  candidate: string;
  baseline: string;
  strategy: 'canary' | 'blue-green' | 'shadow';
  state: ReleaseState;
  /** The canary step in progress: its index and percent of traffic on the candidate. */
  step: { index: number; percent: number; of: number[] } | null;
  startedAt: string;
  updatedAt: string;
  /** The latest decision of the current phase (recomputed as traffic arrives). */
  decision: { outcome: Outcome; reason: string; at: string } | null;
  verdicts: Verdict[];
  shadow: ShadowSummary | null;
  canary: Pick<CanaryAnalysis, 'weight' | 'sampleSizes' | 'outcome' | 'reason'> | null;
  rollback: { at: string; reason: string; automatic: boolean; swapMs: number } | null;
  history: ReleaseHistoryEntry[];
  /** The registry the decisions are recorded in, or null (kept in memory only). */
  registry: string | null;
  /** The last registry write that failed, if any (decisions still apply to the route). */
  registryError: string | null;
}
