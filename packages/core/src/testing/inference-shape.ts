import type { ModelRuntime, ModelSignature, Predictions, Task } from '../models/runtime.js';
import type { Table } from '../table/index.js';
import type { Verdict } from '../verdict/index.js';
import type { CaseResult } from './case.js';

export interface ShapeOptions {
  /** Largest acceptable latency per call (ms), checked on the median and the 95th percentile. */
  latencyBudgetMs?: number;
  /** Calls of the model on the data, to measure latency. Default 5. */
  repeats?: number;
  /** The classes the model must stay within (default: its signature's). */
  classes?: ReadonlyArray<string | number>;
  /** Regression: values outside [lo − span, hi + span] of this range (the label's) are implausible. */
  valueRange?: readonly [number, number];
  /** A class predicted for more than this share of rows is flagged (a collapsed model). Default 0.99. */
  maxClassShare?: number;
}

export interface InferenceShape {
  rows: number;
  latencyMs: { p50: number; p95: number; calls: number };
  verdicts: Verdict[];
}

const verdict = (v: Omit<Verdict, 'kind' | 'method'>): Verdict => ({
  kind: 'inference-shape',
  method: 'predictions on the data',
  ...v,
});

/**
 * Checks the shape of a model's inferences on real rows: the task and classes agree with the
 * signature (each call's outputs are already checked by validatePredictions: one per row, labels among
 * the classes, probabilities in [0, 1] summing to 1, finite values), the latency is within budget,
 * and flags implausible outputs: one class for (nearly) every row, constant values, regression values
 * far outside the label's range.
 */
export async function checkInferenceShape(
  model: ModelRuntime,
  table: Table,
  options: ShapeOptions = {},
): Promise<InferenceShape> {
  const times: number[] = [];
  let p: Predictions | undefined;
  for (let r = 0; r < (options.repeats ?? 5); r++) {
    const t0 = performance.now();
    p = await model.predict(table);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const latencyMs = { p50: at(0.5), p95: at(0.95), calls: times.length };
  const verdicts = shapeVerdicts(p!, model.signature, options);
  if (options.latencyBudgetMs !== undefined)
    verdicts.push(
      verdict({
        status: latencyMs.p95 <= options.latencyBudgetMs ? 'pass' : 'fail',
        check: 'latency',
        value: latencyMs.p95,
        threshold: options.latencyBudgetMs,
        comparison: '<=',
        sampleSizes: { calls: times.length, rows: table.rowCount },
        reason: `p50 ${latencyMs.p50.toFixed(2)} ms, p95 ${latencyMs.p95.toFixed(2)} ms per call of ${table.rowCount} rows (budget ${options.latencyBudgetMs} ms)`,
      }),
    );
  return { rows: table.rowCount, latencyMs, verdicts };
}

/** The shape verdicts of one set of predictions (see checkInferenceShape). */
export function shapeVerdicts(
  p: Predictions,
  signature: ModelSignature,
  options: ShapeOptions = {},
): Verdict[] {
  const out: Verdict[] = [];
  const n = p.rows;
  out.push(
    verdict({
      status: p.task === signature.task ? 'pass' : 'fail',
      check: 'task',
      value: null,
      threshold: null,
      sampleSizes: { rows: n },
      reason: `the outputs are a ${p.task}, the signature says ${signature.task}`,
    }),
  );
  if (p.task === 'classification') {
    const known = (options.classes ?? signature.classes ?? []).map(String);
    const extra = (p.classes ?? []).map(String).filter((c) => known.length > 0 && !known.includes(c));
    out.push(
      verdict({
        status: extra.length === 0 ? 'pass' : 'fail',
        check: 'classes',
        value: extra.length,
        threshold: 0,
        comparison: '==',
        sampleSizes: { rows: n },
        reason:
          extra.length === 0
            ? `every class is one of ${known.join(', ') || "the model's"}`
            : `classes outside the known set: ${extra.join(', ')}`,
      }),
    );
    const counts = new Map<number, number>();
    for (const l of p.labels ?? []) counts.set(l, (counts.get(l) ?? 0) + 1);
    const [top, topCount] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    const share = n === 0 ? 0 : topCount / n;
    const max = options.maxClassShare ?? 0.99;
    out.push(
      verdict({
        status: n < 20 || share <= max ? 'pass' : 'warn',
        check: 'class-collapse',
        value: share,
        threshold: max,
        comparison: '<=',
        sampleSizes: { rows: n },
        reason: `${(share * 100).toFixed(1)}% of the rows are predicted ${String(p.classes?.[top])}${n < 20 ? ' (too few rows to judge)' : ''}`,
      }),
    );
  } else {
    const v = p.values ?? new Float64Array();
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const x of v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    out.push(
      verdict({
        status: n < 20 || hi > lo ? 'pass' : 'warn',
        check: 'constant-output',
        value: hi - lo,
        threshold: 0,
        comparison: '>',
        sampleSizes: { rows: n },
        reason: hi > lo ? `values from ${lo} to ${hi}` : `every row gets ${lo}`,
      }),
    );
    if (options.valueRange) {
      const [a, b] = options.valueRange;
      const span = Math.max(b - a, Number.EPSILON);
      let outside = 0;
      for (const x of v) if (x < a - span || x > b + span) outside++;
      out.push(
        verdict({
          status: outside === 0 ? 'pass' : 'warn',
          check: 'implausible-values',
          value: outside,
          threshold: 0,
          comparison: '==',
          sampleSizes: { rows: n },
          reason: `${outside} values outside [${a - span}, ${b + span}] (the label's range widened by its span)`,
        }),
      );
    }
  }
  return out;
}

/**
 * The shape verdicts of the answers a service gave to the nominal cases sent one row at a time
 * (each answer was already checked: one well-formed prediction per row): one class for (nearly)
 * every real row, or one constant value, is flagged. `classes` are the known classes, when known.
 */
export function answersShapeVerdicts(
  results: readonly CaseResult[],
  known: { task?: Task; classes?: ReadonlyArray<string | number> },
): Verdict[] {
  const answers = results.filter((r) => r.nominal && r.rowsIn === 1 && r.answers).flatMap((r) => r.answers!);
  if (answers.length === 0) return [];
  const task: Task =
    known.task ?? (answers.some((a) => typeof a.value === 'number') ? 'regression' : 'classification');
  const n = answers.length;
  if (task === 'regression') {
    const values = Float64Array.from(answers, (a) => (typeof a.value === 'number' ? a.value : Number.NaN));
    return shapeVerdicts({ task, rows: n, values }, { task, inputs: [], outputs: [] }).filter(
      (v) => v.check !== 'task',
    );
  }
  const names = answers.map((a) => {
    if (a.label !== undefined && a.label !== null) return String(a.label);
    const p = a.probabilities as Record<string, number> | undefined;
    return p ? Object.entries(p).sort((x, y) => y[1] - x[1])[0]![0] : '';
  });
  const classes = known.classes ? known.classes.map(String) : [...new Set(names)].sort();
  const labels = Int32Array.from(names, (c) => classes.indexOf(c));
  return shapeVerdicts({ task, rows: n, classes, labels }, { task, inputs: [], outputs: [], classes }).filter(
    (v) => v.check === 'class-collapse',
  );
}
