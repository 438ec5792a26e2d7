import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGolden } from '../../../test/support/golden.js';
import { pointMetrics, prepareEvaluation } from '../../evaluation/index.js';
import {
  createTable,
  type DuckDb,
  dictColumnFromStrings,
  filterRows,
  float64Column,
  getColumn,
  openDuckDb,
  readTable,
  type Table,
} from '../../table/index.js';
import { openOnnxModel } from '../onnx/index.js';
import { trainBuiltin } from './train-builtin.js';

const PENGUINS = fileURLToPath(
  new URL('../../../../../examples/quickstart/data/penguins.csv', import.meta.url),
);
interface Quality {
  trainer: 'logistic' | 'linear';
  label: string;
  alpha?: number;
  columns: string[];
  heldOut: Record<string, number>;
}
const quality = (loadGolden('learners') as { quality: Quality[] }).quality;

let db: DuckDb;
let penguins: Table;
beforeAll(async () => {
  db = await openDuckDb({});
  penguins = await readTable(db, PENGUINS, {});
});
afterAll(async () => {
  await db[Symbol.asyncDispose]();
});

function split(table: Table, q: Quality): { train: Table; test: Table } {
  const cols = createTable([...q.columns, q.label].map((c) => getColumn(table, c)));
  const label = getColumn(cols, q.label);
  const keep = (held: boolean) =>
    Uint8Array.from({ length: cols.rowCount }, (_, i) =>
      (i % 4 === 0) === held && !Number.isNaN(label.storage === 'float64' ? label.values[i]! : 0) ? 1 : 0,
    );
  return { train: filterRows(cols, keep(false)), test: filterRows(cols, keep(true)) };
}

describe('built-in trainers: quality against scikit-learn pipelines, and the ONNX export', () => {
  it.each(quality.map((q) => [`${q.trainer} on ${q.label}`, q] as const))('%s', async (_, q) => {
    const { train, test } = split(penguins, q);
    const model = trainBuiltin({
      trainer: q.trainer,
      train,
      label: q.label,
      params: q.trainer === 'linear' ? { alpha: q.alpha! } : { C: 1 },
      producerVersion: 'test',
    });
    await using onnx = await openOnnxModel(model.onnx);
    const exported = await onnx.predict(test);
    const inProcess = model.predict(test);
    if (q.trainer === 'logistic') {
      expect(Array.from(exported.labels!)).toEqual(Array.from(inProcess.labels!));
      for (let i = 0; i < inProcess.probabilities!.length; i++)
        expect(Math.abs(exported.probabilities![i]! - inProcess.probabilities![i]!)).toBeLessThan(1e-5);
    } else {
      for (let i = 0; i < test.rowCount; i++)
        expect(Math.abs(exported.values![i]! - inProcess.values![i]!)).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(inProcess.values![i]!)),
        );
    }
    const metrics = pointMetrics(
      prepareEvaluation(getColumn(test, q.label), exported),
      Object.keys(q.heldOut) as never,
    );
    for (const [name, reference] of Object.entries(q.heldOut)) {
      const ours = metrics[name as keyof typeof metrics]!;
      // "within 2% of scikit-learn at the same settings": relative to the reference value
      expect(
        Math.abs(ours - reference) / Math.abs(reference),
        `${name}: ${ours} vs ${reference}`,
      ).toBeLessThan(0.02);
    }
  });

  it('refuses a constant label, a label that looks like an identifier, and missing labels', () => {
    const one = createTable([
      float64Column('x', Float64Array.from([1, 2, 3])),
      dictColumnFromStrings('y', ['a', 'a', 'a']),
    ]);
    expect(() => trainBuiltin({ trainer: 'logistic', train: one, label: 'y', producerVersion: 't' })).toThrow(
      /single class \(a\)/,
    );
    const ids = createTable([
      float64Column(
        'x',
        Float64Array.from({ length: 30 }, (_, i) => i),
      ),
      dictColumnFromStrings(
        'y',
        Array.from({ length: 30 }, (_, i) => `id${i}`),
      ),
    ]);
    expect(() => trainBuiltin({ trainer: 'logistic', train: ids, label: 'y', producerVersion: 't' })).toThrow(
      /30 classes for 30 rows/,
    );
    const missing = createTable([
      float64Column('x', Float64Array.from([1, 2])),
      dictColumnFromStrings('y', ['a', null]),
    ]);
    expect(() =>
      trainBuiltin({ trainer: 'logistic', train: missing, label: 'y', producerVersion: 't' }),
    ).toThrow(/missing at row 2/);
  });
});
