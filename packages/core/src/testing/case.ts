/**
 * What a pipeline may do with a case's rows:
 * - reject: refuse the batch with a clear error (an HTTP 4xx with a JSON error body, or a thrown
 *   error that is not a JavaScript engine error);
 * - drop: leave the bad rows out of its output;
 * - repair: keep the rows and give valid output for them (imputed, clipped, mapped to "unknown");
 * - succeed: keep every row and give valid output (what nominal rows must get).
 */
export type Outcome = 'reject' | 'drop' | 'repair' | 'succeed';

export const OUTCOMES: readonly Outcome[] = ['reject', 'drop', 'repair', 'succeed'];

/** How a case went wrong, beyond an outcome the case did not expect. */
export type FailureKind =
  | 'crash' // an HTTP 5xx, or a function throwing a TypeError/RangeError/ReferenceError
  | 'timeout'
  | 'dropped-connection'
  | 'malformed' // an answer that is not what the protocol says (or a 4xx without a JSON error)
  | 'invalid-output' // rows out with wrong types, non-finite numbers, values out of range
  | 'unexpected-outcome'
  | 'slow'; // a nominal case over the latency budget

/** A JSON-ready row: column → value. NaN, ±Infinity and undefined stay as they are (see serializeRows). */
export type Row = Record<string, unknown>;

export interface IntegrationCase {
  /** Stable name, e.g. `null:bill_length_mm`, `nominal:row-12`, `empty-batch`. */
  name: string;
  /** The family of the case, e.g. `null`, `nan`, `unseen-category`, `nominal`. */
  kind: string;
  /** The column it is about, when one. */
  column?: string;
  /** One sentence: what the case exercises. */
  exercises: string;
  nominal: boolean;
  /** Outcomes that pass (any other outcome, and every failure kind, fails the case). */
  expect: Outcome[];
  /** True when the rows break the schema itself (wrong type, missing field, non-finite number). */
  invalid: boolean;
  rows: Row[];
  /** Over HTTP: the exact request body to send instead of `{"rows": rows}` (envelope cases). */
  body?: string;
  /** Only meaningful over HTTP (the body is not a list of rows a function could take). */
  httpOnly?: boolean;
  /** The rows of the batch that are abnormal (indices into rows); every row when absent. */
  abnormalRows?: number[];
}

export interface CaseResult {
  case: string;
  kind: string;
  column?: string;
  exercises: string;
  nominal: boolean;
  expect: Outcome[];
  passed: boolean;
  /** What the pipeline did, when it did one of the outcomes. */
  outcome?: Outcome;
  failure?: { kind: FailureKind; message: string };
  /** HTTP status (0 when no answer came). */
  status?: number;
  latencyMs: number;
  rowsIn: number;
  rowsOut?: number;
  /** Over HTTP, for nominal cases: the predictions answered (for the shape of the inferences). */
  answers?: ReadonlyArray<{ label?: unknown; probabilities?: unknown; value?: unknown }>;
}
