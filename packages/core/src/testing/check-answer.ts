import { isObject } from '../models/http/protocol.js';
import type { Predictions, Task } from '../models/runtime.js';
import { createClassIndex, validatePredictions } from '../models/validate-predictions.js';

/** What the answers must conform to: the task and classes when known (from a signature or labels). */
export interface AnswerExpectation {
  task?: Task;
  classes?: ReadonlyArray<string | number>;
}

/** One prediction of a predict answer, as the gateway gives it. */
export interface AnswerPrediction {
  id?: unknown;
  label?: unknown;
  probabilities?: unknown;
  value?: unknown;
}

/**
 * Checks a 200 answer of a predict endpoint: `{"predictions": [...]}` with one prediction per row,
 * each with a unique non-empty id and a label, probabilities or a value; then, through
 * validatePredictions, labels among the classes, probabilities in [0, 1] summing to 1, finite values.
 * Returns the predictions, or a one-line reason the answer is malformed.
 */
export function checkAnswer(
  answer: unknown,
  rows: number,
  expected: AnswerExpectation,
): { predictions: AnswerPrediction[] } | { error: string } {
  const predictions = isObject(answer) ? answer.predictions : undefined;
  if (!Array.isArray(predictions)) return { error: 'the answer has no "predictions" list' };
  if (predictions.length !== rows) return { error: `${predictions.length} predictions for ${rows} rows` };
  const ids = new Set<string>();
  const labels: unknown[] = [];
  const probabilities: Array<Record<string, unknown> | undefined> = [];
  const values: unknown[] = [];
  for (let i = 0; i < predictions.length; i++) {
    const p: unknown = predictions[i];
    if (!isObject(p)) return { error: `prediction ${i + 1} is not an object` };
    if (typeof p.id !== 'string' || p.id === '') return { error: `prediction ${i + 1} has no id` };
    if (ids.has(p.id)) return { error: `prediction ${i + 1} repeats the id ${JSON.stringify(p.id)}` };
    ids.add(p.id);
    const has = (k: string) => p[k] !== undefined && p[k] !== null;
    if (!has('label') && !has('probabilities') && !has('value'))
      return { error: `prediction ${i + 1} has no label, probabilities or value` };
    if (has('probabilities') && !isObject(p.probabilities))
      return { error: `prediction ${i + 1}: "probabilities" is not an object of class → probability` };
    labels.push(p.label);
    probabilities.push(has('probabilities') ? (p.probabilities as Record<string, unknown>) : undefined);
    values.push(p.value);
  }
  const task: Task =
    expected.task ?? (values.some((v) => v !== undefined && v !== null) ? 'regression' : 'classification');
  try {
    validatePredictions(
      toPredictions(task, labels, probabilities, values, expected.classes),
      rows,
      'the answer',
    );
  } catch (error) {
    return { error: (error as Error).message.replace(/^the answer: /, '') };
  }
  return { predictions: predictions as AnswerPrediction[] };
}

function toPredictions(
  task: Task,
  labels: unknown[],
  probabilities: Array<Record<string, unknown> | undefined>,
  values: unknown[],
  known: ReadonlyArray<string | number> | undefined,
): Predictions {
  const n = labels.length;
  if (task === 'regression')
    return {
      task,
      rows: n,
      values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN)),
    };
  const classes: Array<string | number> = known ? [...known] : [];
  if (!known) {
    const seen = new Set<string>();
    const add = (c: string) => {
      if (!seen.has(c)) {
        seen.add(c);
        classes.push(c);
      }
    };
    for (const l of labels) if (l !== undefined && l !== null) add(String(l));
    for (const p of probabilities) if (p) for (const k of Object.keys(p)) add(k);
  }
  const index = createClassIndex(classes, 'the answer');
  const out: Predictions = { task, rows: n, classes, labels: new Int32Array(n) };
  const withProba = probabilities.some((p) => p !== undefined);
  if (withProba) out.probabilities = new Float64Array(n * classes.length);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (withProba) {
      if (!p) throw new Error(`the answer: prediction ${i + 1} has no probabilities when others do`);
      for (const [k, q] of Object.entries(p)) {
        const j = index(k, i + 1);
        out.probabilities![i * classes.length + j] = typeof q === 'number' ? q : Number.NaN;
      }
    }
    const l = labels[i];
    out.labels![i] =
      l === undefined || l === null ? argmax(out.probabilities!, i, classes.length) : index(l, i + 1);
  }
  return out;
}

function argmax(p: Float64Array, i: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[i * k + j]! > p[i * k + best]!) best = j;
  return best;
}
