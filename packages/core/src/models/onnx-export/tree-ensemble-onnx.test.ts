import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import {
  createTable,
  type DuckDb,
  dictColumnFromStrings,
  float64Column,
  getColumn,
  openDuckDb,
  readTable,
  type Table,
  takeRows,
} from '../../table/index.js';
import { fitGbdt } from '../learners/gbdt/fit-gbdt.js';
import type { GbdtOptions } from '../learners/gbdt/options.js';
import { openOnnxModel } from '../onnx/index.js';
import { fitPipeline } from '../pipeline/feature-pipeline.js';
import { pipelineOnnx } from '../pipeline/pipeline-onnx.js';
import { float32Floor, float32UpperEdge } from '../trees/float32-threshold.js';
import { treeEnsembleFromFront } from './tree-ensemble-onnx.js';

const PENGUINS = fileURLToPath(
  new URL('../../../../../examples/quickstart/data/penguins.csv', import.meta.url),
);

let db: DuckDb;
let penguins: Table;
beforeAll(async () => {
  db = await openDuckDb({});
  const all = await readTable(db, PENGUINS, {});
  const species = getColumn(all, 'species');
  const keep: number[] = [];
  for (let i = 0; i < all.rowCount; i++)
    if (species.storage === 'dict' && species.codes[i]! >= 0) keep.push(i);
  penguins = takeRows(all, keep);
});
afterAll(async () => {
  await db[Symbol.asyncDispose]();
});

/** Rows that sit on every split of the model: each threshold, its float32 and float64 neighbours. */
function edgeRows(table: Table, model: ReturnType<typeof fitGbdt>, names: readonly string[]): Table {
  const rng = createRandom(4);
  const base = Array.from({ length: 200 }, () => rng.int(table.rowCount));
  const out = takeRows(table, base);
  const cols = out.columns.map((c) => c);
  let r = 0;
  for (const tree of model.ensemble.trees)
    for (let i = 0; i < tree.feature.length && r < 200; i++) {
      const t = tree.threshold[i]!;
      if (tree.left[i]! < 0 || tree.categories[i] || !Number.isFinite(t)) continue;
      const name = names[tree.feature[i]!]!;
      const at = cols.findIndex((c) => c.name === name);
      const col = cols[at]!;
      if (col.storage !== 'float64') continue;
      const values = Float64Array.from(col.values);
      const t32 = float32Floor(t);
      for (const v of [
        t,
        t32,
        float32UpperEdge(t32),
        t + Math.abs(t) * 1e-16,
        Math.fround(t),
        t - Math.abs(t) * 1e-16,
      ])
        if (r < 200) values[r++] = v;
      cols[at] = float64Column(name, values);
    }
  // Unseen and missing categories: both are missing to the trees.
  for (const [at, col] of cols.entries()) {
    if (col.storage !== 'dict') continue;
    const values = Array.from(col.codes, (c, i) =>
      i < 5 ? 'never seen' : i < 10 || c < 0 ? null : col.dictionary[c]!,
    );
    cols[at] = dictColumnFromStrings(col.name, values);
  }
  return createTable(cols);
}

async function agree(
  table: Table,
  label: string,
  options: Partial<GbdtOptions>,
  task: 'classification' | 'regression',
) {
  const pipeline = fitPipeline(table, { kind: 'trees', exclude: [label] });
  const x = pipeline.transform(table);
  const col = getColumn(table, label);
  let y: Float64Array;
  let classes: string[] | undefined;
  if (task === 'classification') {
    if (col.storage !== 'dict') throw new Error('categorical label expected');
    classes = [...new Set(Array.from(col.codes, (c) => col.dictionary[c]!))].sort();
    y = Float64Array.from(col.codes, (c) => classes!.indexOf(col.dictionary[c]!));
  } else {
    if (col.storage !== 'float64') throw new Error('numeric label expected');
    y = col.values;
  }
  const categories = pipeline.columns.map((c) => (c.kind === 'categorical' ? c.categories!.length : 0));
  const model = fitGbdt(x, y, { task, categories, ...options });
  const bytes = treeEnsembleFromFront(pipelineOnnx(pipeline), {
    ensemble: model.ensemble,
    ...(classes ? { classes } : {}),
    producerVersion: 'test',
  });
  const test = edgeRows(table, model, pipeline.features);
  await using onnx = await openOnnxModel(bytes);
  const got = await onnx.predict(test);
  const xt = pipeline.transform(test);
  let worst = 0;
  if (task === 'classification') {
    const p = model.predictProba(xt);
    const labels = model.predict(xt);
    for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(got.probabilities![i]! - p[i]!));
    expect(Array.from(got.labels!)).toEqual(Array.from(labels));
    expect(worst).toBeLessThanOrEqual(1e-5);
  } else {
    const v = model.predict(xt);
    for (let i = 0; i < v.length; i++)
      worst = Math.max(worst, Math.abs(got.values![i]! - v[i]!) / Math.max(1, Math.abs(v[i]!)));
    expect(worst).toBeLessThanOrEqual(1e-5);
  }
  if (process.env.GBDT_REPORT) console.log(label, task, opsetOf(bytes), test.rowCount, 'rows, worst', worst);
  return { bytes, worst, model };
}

function opsetOf(bytes: Uint8Array): 'TreeEnsemble' | 'classic' {
  return Buffer.from(bytes).includes('TreeEnsembleClassifier') ||
    Buffer.from(bytes).includes('TreeEnsembleRegressor')
    ? 'classic'
    : 'TreeEnsemble';
}

describe('gradient-boosted trees exported to ONNX behind the feature pipeline', () => {
  it('3 classes with categorical island and sex (ai.onnx.ml 5 TreeEnsemble, BRANCH_MEMBER): the same labels and probabilities in ONNX Runtime', async () => {
    const { bytes } = await agree(penguins, 'species', { minSamplesLeaf: 5 }, 'classification');
    expect(opsetOf(bytes)).toBe('TreeEnsemble');
  });

  it('3 classes on numbers only (TreeEnsembleClassifier, missing directions)', async () => {
    const numeric = createTable(penguins.columns.filter((c) => c.name !== 'island' && c.name !== 'sex'));
    const { bytes } = await agree(numeric, 'species', { minSamplesLeaf: 5 }, 'classification');
    expect(opsetOf(bytes)).toBe('classic');
  });

  it('binary and regression, with and without categorical splits', async () => {
    const adelie = createTable([
      ...penguins.columns.filter((c) => c.name !== 'species'),
      dictColumnFromStrings(
        'adelie',
        Array.from({ length: penguins.rowCount }, (_, i) => {
          const s = getColumn(penguins, 'species');
          return s.storage === 'dict' && s.dictionary[s.codes[i]!] === 'Adelie' ? 'yes' : 'no';
        }),
      ),
    ]);
    expect(opsetOf((await agree(adelie, 'adelie', { maxIter: 40 }, 'classification')).bytes)).toBe(
      'TreeEnsemble',
    );
    const numeric = createTable(adelie.columns.filter((c) => c.name !== 'island' && c.name !== 'sex'));
    expect(opsetOf((await agree(numeric, 'adelie', { maxIter: 40 }, 'classification')).bytes)).toBe(
      'classic',
    );
    const mass = createTable(penguins.columns.filter((c) => c.name !== 'species'));
    const rows: number[] = [];
    const m = getColumn(mass, 'body_mass_g');
    for (let i = 0; i < mass.rowCount; i++)
      if (m.storage === 'float64' && !Number.isNaN(m.values[i]!)) rows.push(i);
    const withMass = takeRows(mass, rows);
    expect(opsetOf((await agree(withMass, 'body_mass_g', {}, 'regression')).bytes)).toBe('TreeEnsemble');
    const numericMass = createTable(withMass.columns.filter((c) => c.name !== 'island' && c.name !== 'sex'));
    expect(opsetOf((await agree(numericMass, 'body_mass_g', {}, 'regression')).bytes)).toBe('classic');
  });
});
