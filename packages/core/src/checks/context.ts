import type { CheckSpec } from '../config-schema/index.js';
import type { DatasetProfile } from '../profile/index.js';
import type { Table } from '../table/index.js';
import type { Verdict } from '../verdict/index.js';

/** Analyses a run can produce, for the `required_analyses` check. */
export type AnalysisName = 'profile' | 'checks' | 'drift' | 'split';

export type DriftReference = Extract<CheckSpec, { check: 'drift' }>['reference'];

/** What a check may use besides its spec: the data and a few loaders passed in by the caller. */
export interface CheckContext {
  table: Table;
  /** Loads the reference of a drift check: a dataset, or a saved profile. */
  loadReference(reference: DriftReference): Promise<Table | DatasetProfile>;
  /** Loads a saved profile (for required_analyses). */
  loadProfile(path: string): Promise<DatasetProfile>;
  /** The content hash of `table` (computed once). */
  contentHash(): string;
  /** Analyses this run produced, and their outcome. */
  analyses: ReadonlyMap<AnalysisName, 'pass' | 'fail'>;
  /** Verdicts of the checks run before this one (required_analyses looks at them). */
  previous: readonly Verdict[];
  seed: number;
}

export type CheckOf<K extends CheckSpec['check']> = Extract<CheckSpec, { check: K }>;

export type CheckRunner<K extends CheckSpec['check']> = (
  spec: CheckOf<K>,
  ctx: CheckContext,
) => Verdict[] | Promise<Verdict[]>;
