import { VigieError } from '../errors/index.js';
import type { ModelRuntime, ModelSignature, Predictions } from '../models/runtime.js';
import { validatePredictions } from '../models/validate-predictions.js';
import { formatValue, getColumn, isMissing, type Table } from '../table/index.js';

type Output = string | number;

/**
 * A fast, deterministic stand-in for a model:
 * - constant: every row gets the same label (with its probability 1, or the given probabilities) or value;
 * - echo: a regression's value is a numeric feature (times `scale`, plus `offset`); a classifier's
 *   label is the feature's value when it is one of the classes, else `otherwise`;
 * - rule: one feature decides: numbers below `threshold` get `below`, others `above`; text values
 *   are looked up in `cases`; missing values (and unlisted text) get `otherwise`.
 */
export type FakeModelSpec =
  | { kind: 'constant'; output: Output; probabilities?: Readonly<Record<string, number>> }
  | { kind: 'echo'; feature: string; scale?: number; offset?: number; otherwise?: Output }
  | {
      kind: 'rule';
      feature: string;
      threshold?: number;
      below?: Output;
      above?: Output;
      cases?: Readonly<Record<string, Output>>;
      otherwise: Output;
    };

/**
 * A fake model with the interface of a real one (ModelRuntime: what the ONNX runtime, the HTTP
 * adapters and the gateway use), for testing a pipeline without the heavy model. Its outputs are
 * checked like any model's (classes known, probabilities summing to 1, finite values).
 *
 * @example
 * const model = createFakeModel(signature, { kind: 'rule', feature: 'bill_length_mm', threshold: 45, below: 'Adelie', above: 'Gentoo', otherwise: 'Adelie' });
 */
export function createFakeModel(signature: ModelSignature, spec: FakeModelSpec): ModelRuntime {
  const classes = signature.classes ?? [];
  const classIndex = new Map(classes.map((c, i) => [String(c), i]));
  const where = `fake model (${spec.kind})`;
  const asClass = (o: Output): number => {
    const i = classIndex.get(String(o));
    if (i === undefined)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${where}: ${JSON.stringify(o)} is not one of the classes (${classes.join(', ')})`,
      );
    return i;
  };
  const asValue = (o: Output): number => {
    if (typeof o !== 'number' || !Number.isFinite(o))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${where}: a regression's output must be a finite number, got ${JSON.stringify(o)}`,
      );
    return o;
  };
  if (signature.task === 'classification' && classes.length === 0)
    throw new VigieError('INVALID_ARGUMENT', `${where}: the signature has no classes`);
  const outputs = [
    ...(spec.kind === 'constant' ? [spec.output] : []),
    ...(spec.kind === 'rule'
      ? [spec.below, spec.above, spec.otherwise, ...Object.values(spec.cases ?? {})]
      : []),
    ...(spec.kind === 'echo' && spec.otherwise !== undefined ? [spec.otherwise] : []),
  ].filter((o): o is Output => o !== undefined);
  for (const o of outputs) signature.task === 'classification' ? asClass(o) : asValue(o);
  const fixed =
    spec.kind === 'constant' && spec.probabilities
      ? probabilityRow(spec.probabilities, classes, where)
      : null;
  const decide = (table: Table, i: number): Output => decideRow(spec, table, i, classes);
  return {
    format: `fake:${spec.kind}`,
    signature,
    async predict(table: Table): Promise<Predictions> {
      const n = table.rowCount;
      if (spec.kind !== 'constant') getColumn(table, spec.feature);
      let p: Predictions;
      if (signature.task === 'regression') {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = asValue(decide(table, i));
        p = { task: 'regression', rows: n, values };
      } else {
        const k = classes.length;
        const labels = new Int32Array(n);
        const probabilities = new Float64Array(n * k);
        for (let i = 0; i < n; i++) {
          if (fixed) {
            probabilities.set(fixed, i * k);
            labels[i] = asClass((spec as { output: Output }).output);
          } else {
            labels[i] = asClass(decide(table, i));
            probabilities[i * k + labels[i]!] = 1;
          }
        }
        p = { task: 'classification', rows: n, classes, labels, probabilities };
      }
      validatePredictions(p, n, where);
      return p;
    },
    async [Symbol.asyncDispose]() {},
  };
}

function decideRow(
  spec: FakeModelSpec,
  table: Table,
  i: number,
  classes: ReadonlyArray<string | number>,
): Output {
  if (spec.kind === 'constant') return spec.output;
  const col = getColumn(table, spec.feature);
  if (spec.kind === 'echo') {
    if (col.storage === 'float64' && !Number.isNaN(col.values[i]!))
      return col.values[i]! * (spec.scale ?? 1) + (spec.offset ?? 0);
    const text = formatValue(col, i);
    if (text !== null && classes.some((c) => String(c) === text)) return text;
    if (spec.otherwise === undefined)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `fake model (echo): "${spec.feature}" at row ${i + 1} gives no output and no "otherwise" is set`,
        {
          details: { column: spec.feature, row: i + 1 },
        },
      );
    return spec.otherwise;
  }
  if (isMissing(col, i)) return spec.otherwise;
  if (col.storage === 'float64' && spec.threshold !== undefined)
    return (col.values[i]! < spec.threshold ? spec.below : spec.above) ?? spec.otherwise;
  return spec.cases?.[formatValue(col, i)!] ?? spec.otherwise;
}

function probabilityRow(
  p: Readonly<Record<string, number>>,
  classes: ReadonlyArray<string | number>,
  where: string,
): Float64Array {
  const row = new Float64Array(classes.length);
  for (const [c, q] of Object.entries(p)) {
    const j = classes.findIndex((x) => String(x) === c);
    if (j < 0)
      throw new VigieError('INVALID_ARGUMENT', `${where}: probability of "${c}", which is not a class`);
    row[j] = q;
  }
  return row;
}
