import { VigieError } from '../errors/index.js';
import type { Task } from '../models/runtime.js';
import type { SemanticType } from '../table/index.js';
import type { Row } from './case.js';

export const GOLDEN_SCHEMA_VERSION = 1 as const;

/** The answer a golden case expects. */
export interface GoldenAnswer {
  label?: string | number;
  probabilities?: Record<string, number>;
  value?: number;
}

export interface GoldenCase {
  name: string;
  /** The class (or regression bucket name) the inputs trigger. */
  target: string;
  /** `data`: a real row (its 1-based number in `row`); `search`: found by searching the feature space. */
  source: 'data' | 'search';
  row?: number;
  inputs: Row;
  expected: GoldenAnswer;
}

/** A regression bucket: predictions in [lo, hi) (the last bucket includes hi). */
export interface GoldenBucket {
  name: string;
  lo: number;
  hi: number;
}

/** A short-circuit set: inputs that trigger each class (or bucket) of a model, with its answers. */
export interface GoldenSet {
  kind: 'vigie.golden';
  schemaVersion: typeof GOLDEN_SCHEMA_VERSION;
  model: string;
  createdAt: string;
  task: Task;
  classes?: Array<string | number>;
  buckets?: GoldenBucket[];
  /** The input columns and their types (to rebuild a table from the rows). */
  inputs: Array<{ name: string; type: SemanticType }>;
  /** Probabilities may move by `probability`, values by `absolute + relative·|value|`. */
  tolerance: { probability: number; absolute: number; relative: number };
  cases: GoldenCase[];
  /** Classes or buckets no input was found for when the set was built. */
  unreachable: string[];
}

/** Reads a golden set from JSON text, naming `where` in errors. */
export function parseGoldenSet(text: string, where: string): GoldenSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new VigieError('PARSE_ERROR', `${where}: not valid JSON (${(cause as Error).message})`, {
      cause,
      details: { file: where },
    });
  }
  const g = value as Partial<GoldenSet> | null;
  if (g?.kind !== 'vigie.golden')
    throw new VigieError('PARSE_ERROR', `${where}: not a golden set (expected "kind": "vigie.golden")`, {
      details: { file: where },
    });
  if (g.schemaVersion !== GOLDEN_SCHEMA_VERSION)
    throw new VigieError(
      'UNSUPPORTED',
      `${where}: golden set version ${String(g.schemaVersion)}, this Vigie reads ${GOLDEN_SCHEMA_VERSION}`,
      {
        details: { file: where },
      },
    );
  if (
    !Array.isArray(g.cases) ||
    !Array.isArray(g.inputs) ||
    (g.task !== 'classification' && g.task !== 'regression') ||
    !g.tolerance
  )
    throw new VigieError(
      'PARSE_ERROR',
      `${where}: a golden set needs "task", "inputs", "tolerance" and "cases"`,
      { details: { file: where } },
    );
  return g as GoldenSet;
}
