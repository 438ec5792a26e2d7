import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelRuntime, Predictions } from '../models/index.js';
import {
  type Column,
  createTable,
  dictColumnFromStrings,
  float64Column,
  getColumn,
  type Table,
  takeRows,
} from '../table/index.js';
import { kernelShap } from './kernel-shap.js';
import { limeTabular } from './lime-tabular.js';
import { permutationImportance } from './permutation-importance.js';

/** A fake model behind the runtime interface: a function of the named numeric columns and a category. */
function fakeModel(
  task: 'regression' | 'classification',
  score: (x: number[], category: string | null) => number,
  columns: string[],
  categorical?: string,
): ModelRuntime {
  const inputs = [...columns, ...(categorical ? [categorical] : [])];
  return {
    format: 'fake',
    signature: {
      task,
      inputs: inputs.map((name) => ({ name, type: name === categorical ? 'categorical' : 'numeric' })),
      outputs: [],
      ...(task === 'classification' ? { classes: ['no', 'yes'] } : {}),
    },
    async predict(table: Table): Promise<Predictions> {
      const cols = columns.map((c) => getColumn(table, c) as Extract<Column, { storage: 'float64' }>);
      const cat = categorical
        ? (getColumn(table, categorical) as Extract<Column, { storage: 'dict' }>)
        : null;
      const n = table.rowCount;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const code = cat ? cat.codes[i]! : -1;
        values[i] = score(
          cols.map((c) => c.values[i]!),
          cat && code >= 0 ? cat.dictionary[code]! : null,
        );
      }
      if (task === 'regression') return { task, rows: n, values };
      const probabilities = new Float64Array(2 * n);
      const labels = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-values[i]!));
        probabilities[2 * i] = 1 - p;
        probabilities[2 * i + 1] = p;
        labels[i] = p > 0.5 ? 1 : 0;
      }
      return { task, rows: n, classes: ['no', 'yes'], labels, probabilities };
    },
    async [Symbol.asyncDispose]() {},
  };
}

function table(rows: number[][], categories?: string[]): Table {
  const m = rows[0]!.length;
  const cols: Column[] = Array.from({ length: m }, (_, j) =>
    float64Column(
      `x${j}`,
      Float64Array.from(rows, (r) => r[j]!),
    ),
  );
  if (categories) cols.push(dictColumnFromStrings('kind', categories));
  return createTable(cols);
}

const rowsArb = (m: number, n: number) =>
  fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: m, maxLength: m }), {
    minLength: n,
    maxLength: n,
  });

describe('Kernel SHAP properties', () => {
  it('additivity: expected value + contributions = prediction, for any model, row and budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb(5, 12),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        async (rows, w, budget, seed) => {
          const names = ['x0', 'x1', 'x2', 'x3', 'x4'];
          const model = fakeModel(
            'classification',
            (x) => w[0]! * x[0]! + w[1]! * x[1]! * x[2]! + Math.sin(w[2]! * x[3]!) + w[4]! * Math.abs(x[4]!),
            names,
          );
          const data = table(rows);
          const r = await kernelShap(model, takeRows(data, [0, 1]), {
            background: takeRows(data, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
            nSamples: budget,
            seed,
          });
          for (const row of r.rows) {
            const sum = row.values.reduce((a, b) => a + b, row.expectedValue[0]!);
            expect(Math.abs(sum - row.prediction[0]!)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('an additive model gets w_j (x_j − mean of the background) exactly, even from a sampled budget; an ignored column 0', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb(14, 21), fc.integer({ min: 0, max: 1000 }), async (rows, seed) => {
        const names = Array.from({ length: 14 }, (_, j) => `x${j}`);
        // x13 is ignored; 14 columns make 16,382 coalitions, more than the 2,076 'auto' draws.
        const model = fakeModel(
          'regression',
          (x) => x.slice(0, 13).reduce((a, v, j) => a + (j + 1) * v, 0),
          names,
        );
        const data = table(rows);
        const bg = takeRows(
          data,
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        const r = await kernelShap(model, takeRows(data, [0]), { background: bg, seed });
        const row = r.rows[0]!;
        expect(row.exact).toBe(false);
        for (let j = 0; j < 14; j++) {
          const col = getColumn(bg, `x${j}`) as Extract<Column, { storage: 'float64' }>;
          const mean = col.values.reduce((a, b) => a + b, 0) / 20;
          const expected = j === 13 ? 0 : (j + 1) * (rows[0]![j]! - mean);
          expect(Math.abs(row.values[j]! - expected)).toBeLessThan(1e-8 * (1 + Math.abs(expected)));
        }
      }),
      { numRuns: 10 },
    );
  });

  it('is deterministic for a seed; a categorical column is one player', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 13 }, (_, j) => Math.sin(i * 7 + j * 3)),
    );
    const kinds = Array.from({ length: 30 }, (_, i) => ['a', 'b', 'c'][i % 3]!);
    const names = Array.from({ length: 13 }, (_, j) => `x${j}`);
    const model = fakeModel(
      'regression',
      (x, k) => x[0]! * x[1]! + Math.exp(x[2]!) + (k === 'b' ? 2 : 0) + x[3]! * (k === 'c' ? 1 : -1),
      names,
      'kind',
    );
    const data = table(rows, kinds);
    const run = (seed: number) =>
      kernelShap(model, takeRows(data, [0, 1]), {
        background: takeRows(
          data,
          Array.from({ length: 20 }, (_, i) => i + 10),
        ),
        nSamples: 500,
        seed,
      });
    const [a, b, c] = await Promise.all([run(3), run(3), run(4)]);
    expect(a.columns).toEqual([...names, 'kind']);
    expect(a.rows.map((r) => Array.from(r.values))).toEqual(b.rows.map((r) => Array.from(r.values)));
    expect(a.rows.map((r) => Array.from(r.values))).not.toEqual(c.rows.map((r) => Array.from(r.values)));
    // x4..x12 are ignored by the model: with interactions and a sampled budget their estimate is
    // noise around 0, small beside the columns that matter.
    for (const row of a.rows) {
      const largest = Math.max(...Array.from(row.values, Math.abs));
      for (let j = 4; j < 13; j++) expect(Math.abs(row.values[j]!)).toBeLessThan(0.05 * largest);
    }
  });
});

describe('permutation importance and LIME properties', () => {
  const n = 300;
  const rows = Array.from({ length: n }, (_, i) => [
    Math.sin(i * 1.3) * 2,
    Math.cos(i * 0.7),
    Math.sin(i * 2.9),
  ]);
  const data = table(rows);
  const y = Float64Array.from(rows, (r) => 3 * r[0]! + r[1]!);
  const labelled = createTable([...data.columns, float64Column('y', y)]);
  const model = fakeModel('regression', (x) => 3 * x[0]! + x[1]!, ['x0', 'x1', 'x2']);

  it('a column the model ignores gets 0 importance, the others in the order of their weight', async () => {
    const r = await permutationImportance(model, labelled, { label: 'y', nRepeats: 4, seed: 1 });
    expect(r.metric).toBe('r2');
    expect(r.baseline).toBe(1);
    const [x0, x1, x2] = r.columns;
    expect(x2!.mean).toBe(0);
    expect(x2!.std).toBe(0);
    expect(x0!.mean).toBeGreaterThan(x1!.mean);
    expect(x1!.mean).toBeGreaterThan(0.05);
    expect(x0!.ci![0]).toBeLessThanOrEqual(x0!.mean);
    expect(x0!.ci![1]).toBeGreaterThanOrEqual(x0!.mean);
    const again = await permutationImportance(model, labelled, { label: 'y', nRepeats: 4, seed: 1 });
    expect(again).toEqual(r);
  });

  it('a loss is oriented so that positive still means the model needs the column', async () => {
    const r = await permutationImportance(model, labelled, { label: 'y', metric: 'mae', nRepeats: 3 });
    expect(r.higherIsBetter).toBe(false);
    expect(r.columns[0]!.mean).toBeGreaterThan(0);
  });

  it('LIME: deterministic for a seed, the ignored column weighs ~0, the first neighbour is the row', async () => {
    const a = await limeTabular(model, takeRows(data, [5]), { training: data, seed: 2 });
    const b = await limeTabular(model, takeRows(data, [5]), { training: data, seed: 2 });
    expect(a).toEqual(b);
    expect(a.prediction).toBeCloseTo(3 * rows[5]![0]! + rows[5]![1]!, 12);
    expect(a.features[0]!.column).toBe('x0');
    const ignored = a.features.find((f) => f.column === 'x2')!;
    expect(Math.abs(ignored.weight)).toBeLessThan(0.1 * Math.abs(a.features[0]!.weight));
  });
});
