import type { CaseResult, FailureKind, IntegrationCase, Outcome } from './case.js';
import { type AnswerExpectation, type AnswerPrediction, checkAnswer } from './check-answer.js';
import { type HttpExchange, postJson } from './http-post.js';
import { serializeRows } from './rows.js';

export interface HttpRunOptions extends AnswerExpectation {
  /** Per request; no answer by then is a failure (a hang). Default 5,000 ms. */
  timeoutMs?: number;
  /** Nominal cases slower than this fail (default: no budget). */
  latencyBudgetMs?: number;
  headers?: Record<string, string>;
  /** Called after each case (for progress). */
  onCase?: (result: CaseResult, done: number, total: number) => void;
}

/**
 * Sends each case to a predict endpoint taking the gateway's format (`POST {"rows": [...]}`) and
 * judges the answer: a 4xx with a JSON error body `{"error": {"code", "message"}}` is a rejection; a
 * 200 with one well-formed prediction per row is success (for nominal rows) or repair (abnormal
 * rows); a 5xx, no answer within the timeout, a broken connection, or any other answer fails the
 * case whatever it expects. Cases run one after another, so a failure is the case's own.
 */
export async function runHttpCases(
  url: string,
  cases: readonly IntegrationCase[],
  options: HttpRunOptions = {},
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const body = c.body ?? serializeRows(c.rows);
    const exchange = await postJson(url, body, {
      timeoutMs: options.timeoutMs ?? 5000,
      ...(options.headers ? { headers: options.headers } : {}),
    });
    const result = judge(c, exchange, options);
    results.push(result);
    options.onCase?.(result, results.length, cases.length);
  }
  return results;
}

type Judgement =
  | { outcome: Outcome; rowsOut?: number; answers?: AnswerPrediction[] }
  | { failure: FailureKind; message: string };

function judge(c: IntegrationCase, e: HttpExchange, options: HttpRunOptions): CaseResult {
  const j = judgeExchange(c, e, options);
  const base = {
    case: c.name,
    kind: c.kind,
    ...(c.column !== undefined ? { column: c.column } : {}),
    exercises: c.exercises,
    nominal: c.nominal,
    expect: c.expect,
    latencyMs: e.ms,
    rowsIn: c.rows.length,
    status: e.kind === 'answer' ? e.status : 0,
  };
  if ('failure' in j) return { ...base, passed: false, failure: { kind: j.failure, message: j.message } };
  const rowsOut = {
    ...(j.rowsOut !== undefined ? { rowsOut: j.rowsOut } : {}),
    ...(j.answers && c.nominal ? { answers: j.answers } : {}),
  };
  if (!c.expect.includes(j.outcome))
    return {
      ...base,
      ...rowsOut,
      passed: false,
      outcome: j.outcome,
      failure: {
        kind: 'unexpected-outcome',
        message: `${describe(j.outcome)}, expected ${c.expect.map(describe).join(' or ')}`,
      },
    };
  if (c.nominal && options.latencyBudgetMs !== undefined && e.ms > options.latencyBudgetMs)
    return {
      ...base,
      ...rowsOut,
      passed: false,
      outcome: j.outcome,
      failure: {
        kind: 'slow',
        message: `answered in ${e.ms.toFixed(1)} ms, over the ${options.latencyBudgetMs} ms budget`,
      },
    };
  return { ...base, ...rowsOut, passed: true, outcome: j.outcome };
}

const describe = (o: Outcome): string =>
  o === 'reject'
    ? 'rejected (4xx)'
    : o === 'succeed'
      ? 'succeeded'
      : o === 'repair'
        ? 'answered (repaired)'
        : 'dropped';

function judgeExchange(c: IntegrationCase, e: HttpExchange, options: HttpRunOptions): Judgement {
  if (e.kind === 'timeout')
    return { failure: 'timeout', message: `no answer within ${options.timeoutMs ?? 5000} ms` };
  if (e.kind === 'dropped')
    return { failure: 'dropped-connection', message: `the connection broke: ${e.message}` };
  const { status } = e;
  if (status >= 500) return { failure: 'crash', message: `HTTP ${status}${errorSuffix(e.body)}` };
  if (status >= 400 && status < 500) {
    const problem = errorBodyProblem(e, c);
    return problem ? { failure: 'malformed', message: `HTTP ${status}: ${problem}` } : { outcome: 'reject' };
  }
  if (status !== 200) return { failure: 'malformed', message: `HTTP ${status}, expected 200 or a 4xx` };
  let answer: unknown;
  try {
    answer = JSON.parse(e.body);
  } catch {
    return { failure: 'malformed', message: 'HTTP 200 with a body that is not JSON' };
  }
  const checked = checkAnswer(answer, c.rows.length, options);
  if ('error' in checked) return { failure: 'malformed', message: `HTTP 200: ${checked.error}` };
  if (c.kind === 'duplicated-rows' && !sameOutputs(checked.predictions))
    return { failure: 'invalid-output', message: 'the same row got different answers within one batch' };
  return {
    outcome: c.nominal || c.abnormalRows?.length === 0 ? 'succeed' : 'repair',
    rowsOut: c.rows.length,
    answers: checked.predictions,
  };
}

function sameOutputs(p: readonly AnswerPrediction[]): boolean {
  const key = (x: AnswerPrediction) => JSON.stringify([x.label, x.probabilities, x.value]);
  return p.every((x) => key(x) === key(p[0]!));
}

function errorSuffix(body: string): string {
  try {
    const m = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof m === 'string' ? `: ${m.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

/** A clear rejection: JSON `{"error": {"code", "message"}}`, one line, not echoing a long value sent. */
function errorBodyProblem(e: Extract<HttpExchange, { kind: 'answer' }>, c: IntegrationCase): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.body);
  } catch {
    return 'the error body is not JSON';
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '')
    return 'the error body is not {"error": {"code", "message"}}';
  if (error.message.includes('\n')) return 'the error message spans several lines';
  if (c.kind === 'long-string' && /x{1000}/.test(error.message))
    return 'the error message echoes the payload';
  return null;
}
