import type { CaseResult, FailureKind, IntegrationCase, Outcome, Row } from './case.js';
import {
  type ContractOptions,
  contractViolation,
  inferOutputContract,
  type OutputContract,
} from './output-contract.js';

/** A cleaning or feature function: a batch of rows in, rows out (or one row in, a row or null out). */
export type PipelineFunction = (input: never) => unknown;

export interface FunctionRunOptions extends ContractOptions {
  /** `batch` (default): fn(rows) → rows; `row`: fn(row) → row, or null/undefined to drop it. */
  call?: 'batch' | 'row';
  /** An asynchronous function not settled by then fails the case. Default 5,000 ms. */
  timeoutMs?: number;
  onCase?: (result: CaseResult, done: number, total: number) => void;
}

export interface FunctionRun {
  results: CaseResult[];
  /** The output contract learned from the nominal cases. */
  contract: OutputContract;
}

/** Errors the JavaScript engine raises on a bug (null dereference, bad length): a crash, not a rejection. */
const ENGINE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

type Called = { rows: unknown[] } | { failure: FailureKind; message: string } | { rejected: string };

async function call(
  fn: PipelineFunction,
  rows: readonly Row[],
  options: FunctionRunOptions,
): Promise<Called> {
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Called>((resolve) => {
    timer = setTimeout(
      () => resolve({ failure: 'timeout', message: `not settled within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const work = (async (): Promise<Called> => {
    try {
      if (options.call === 'row') {
        const out: unknown[] = [];
        for (const r of rows) {
          const y = await (fn as (r: Row) => unknown)(structuredClone(r));
          if (y !== null && y !== undefined) out.push(y);
        }
        return { rows: out };
      }
      const out = await (fn as (r: Row[]) => unknown)(structuredClone(rows as Row[]));
      if (!Array.isArray(out))
        return { failure: 'invalid-output', message: 'the function did not return a list of rows' };
      return { rows: out };
    } catch (error) {
      if (!(error instanceof Error) || ENGINE_ERRORS.some((E) => error instanceof E) || error.message === '')
        return {
          failure: 'crash',
          message: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        };
      return { rejected: error.message.split('\n')[0]! };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the cases through a cleaning or feature function. Nominal cases go first: each must keep
 * its rows, and their outputs define the contract (columns, types, nullability, ranges of columns
 * passed through). Then each abnormal case is judged: a thrown Error is a rejection (a TypeError,
 * RangeError or ReferenceError is a crash, the bug that lets a null through); fewer rows out than
 * in is a drop; the same number is a repair when every output row keeps the contract. HTTP-only
 * cases (request envelopes) are skipped.
 */
export async function runFunctionCases(
  fn: PipelineFunction,
  cases: readonly IntegrationCase[],
  options: FunctionRunOptions = {},
): Promise<FunctionRun> {
  const usable = cases.filter((c) => !c.httpOnly);
  const nominal = usable.filter((c) => c.nominal);
  const results: CaseResult[] = [];
  const record = (r: CaseResult) => {
    results.push(r);
    options.onCase?.(r, results.length, usable.length);
  };
  const nominalRuns: Array<{ c: IntegrationCase; called: Called; ms: number }> = [];
  for (const c of nominal) {
    const started = performance.now();
    const called = await call(fn, c.rows, options);
    nominalRuns.push({ c, called, ms: performance.now() - started });
  }
  const outputs = nominalRuns.flatMap((r) =>
    'rows' in r.called ? (r.called.rows.filter((x) => x && typeof x === 'object') as Row[]) : [],
  );
  const contract = inferOutputContract(outputs, options);
  for (const r of nominalRuns) record(judge(r.c, r.called, r.ms, contract));
  for (const c of usable.filter((x) => !x.nominal)) {
    const started = performance.now();
    const called = await call(fn, c.rows, options);
    record(judge(c, called, performance.now() - started, contract));
  }
  return { results, contract };
}

function judge(c: IntegrationCase, called: Called, ms: number, contract: OutputContract): CaseResult {
  const base = {
    case: c.name,
    kind: c.kind,
    ...(c.column !== undefined ? { column: c.column } : {}),
    exercises: c.exercises,
    nominal: c.nominal,
    expect: c.expect,
    latencyMs: ms,
    rowsIn: c.rows.length,
  };
  if ('failure' in called)
    return { ...base, passed: false, failure: { kind: called.failure, message: called.message } };
  if ('rejected' in called) return finish(base, c, 'reject', undefined, `threw "${called.rejected}"`);
  const out = called.rows;
  if (out.length > c.rows.length)
    return {
      ...base,
      rowsOut: out.length,
      passed: false,
      failure: { kind: 'invalid-output', message: `${out.length} rows out of ${c.rows.length} in` },
    };
  for (let i = 0; i < out.length; i++) {
    const v = contractViolation(out[i], contract);
    if (v)
      return {
        ...base,
        rowsOut: out.length,
        passed: false,
        failure: { kind: 'invalid-output', message: `row ${i + 1} out: ${v}` },
      };
  }
  const dropped = c.rows.length - out.length;
  const abnormal = c.nominal ? 0 : (c.abnormalRows?.length ?? c.rows.length);
  if (dropped > abnormal)
    return {
      ...base,
      rowsOut: out.length,
      passed: false,
      failure: {
        kind: 'invalid-output',
        message: `dropped ${dropped} of ${c.rows.length} rows, ${abnormal === 0 ? 'none' : `only ${abnormal}`} abnormal`,
      },
    };
  const outcome: Outcome =
    dropped > 0 ? 'drop' : c.nominal || c.abnormalRows?.length === 0 ? 'succeed' : 'repair';
  return finish(base, c, outcome, out.length);
}

function finish(
  base: Omit<CaseResult, 'passed'>,
  c: IntegrationCase,
  outcome: Outcome,
  rowsOut: number | undefined,
  detail?: string,
): CaseResult {
  const r = { ...base, outcome, ...(rowsOut !== undefined ? { rowsOut } : {}) };
  if (c.expect.includes(outcome)) return { ...r, passed: true };
  const what =
    detail ??
    (outcome === 'drop' ? `dropped ${c.rows.length - (rowsOut ?? 0)} of ${c.rows.length} rows` : outcome);
  return {
    ...r,
    passed: false,
    failure: { kind: 'unexpected-outcome', message: `${what}, expected ${c.expect.join(' or ')}` },
  };
}
