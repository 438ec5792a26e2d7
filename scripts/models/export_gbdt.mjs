#!/usr/bin/env node
/**
 * Writes Vigie gradient-boosted models trained on the bundled penguins, exported to ONNX behind
 * their feature pipeline, with the rows and Vigie's in-process predictions, for
 * check_gbdt_onnx.py to run in Python's onnxruntime (see README.md, "Vigie's own trees").
 *
 *   npx tsc -b packages/core && node scripts/models/export_gbdt.mjs OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fitGbdt,
  fitPipeline,
  gbdtCategories,
  pipelineOnnx,
  treeEnsembleFromFront,
} from '../../packages/core/dist/models/index.js';
import {
  createTable,
  getColumn,
  openDuckDb,
  readTable,
  takeRows,
} from '../../packages/core/dist/table/index.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/models/export_gbdt.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const csv = fileURLToPath(new URL('../../examples/quickstart/data/penguins.csv', import.meta.url));
const db = await openDuckDb({});
const all = await readTable(db, csv, {});
await db[Symbol.asyncDispose]();
const sp = getColumn(all, 'species');
const penguins = takeRows(
  all,
  [...Array(all.rowCount).keys()].filter((i) => sp.codes[i] >= 0),
);

function cells(table) {
  return Object.fromEntries(
    table.columns.map((c) => [
      c.name,
      Array.from({ length: table.rowCount }, (_, i) =>
        c.storage === 'dict'
          ? c.codes[i] < 0
            ? null
            : c.dictionary[c.codes[i]]
          : Number.isNaN(c.values[i])
            ? null
            : c.values[i],
      ),
    ]),
  );
}

function write(name, table, label, task) {
  const pipeline = fitPipeline(table, { kind: 'trees', exclude: [label] });
  const x = pipeline.transform(table);
  const col = getColumn(table, label);
  const classes =
    task === 'classification'
      ? [...new Set(Array.from(col.codes, (c) => col.dictionary[c]))].sort()
      : undefined;
  const y = classes ? Float64Array.from(col.codes, (c) => classes.indexOf(col.dictionary[c])) : col.values;
  const model = fitGbdt(x, y, { task, categories: gbdtCategories(pipeline), minSamplesLeaf: 5 });
  const bytes = treeEnsembleFromFront(pipelineOnnx(pipeline), {
    ensemble: model.ensemble,
    classes,
    producerVersion: 'export_gbdt',
  });
  writeFileSync(join(out, `${name}.onnx`), bytes);
  const inputs = createTable(table.columns.filter((c) => c.name !== label));
  const expected =
    task === 'classification'
      ? {
          labels: Array.from(model.predict(x), (k) => classes[k]),
          probabilities: Array.from(model.predictProba(x)),
        }
      : { values: Array.from(model.predict(x)) };
  writeFileSync(
    join(out, `${name}.json`),
    JSON.stringify({ task, classes, columns: cells(inputs), ...expected }),
  );
  console.log(`wrote ${name}.onnx (${bytes.length} bytes)`);
}

write('gbdt-species-categorical', penguins, 'species', 'classification');
write(
  'gbdt-species-numeric',
  createTable(penguins.columns.filter((c) => c.name !== 'island' && c.name !== 'sex')),
  'species',
  'classification',
);
const mass = getColumn(penguins, 'body_mass_g');
const withMass = takeRows(
  penguins,
  [...Array(penguins.rowCount).keys()].filter((i) => !Number.isNaN(mass.values[i])),
);
write(
  'gbdt-mass-regression',
  createTable(withMass.columns.filter((c) => c.name !== 'species')),
  'body_mass_g',
  'regression',
);
