// The quickstart's training command, run by `vigie train` (see vigie.yaml, `training:`). Any
// program can be one: it reads the files and parameters Vigie passes in environment variables and
// writes a model. This one is a multinomial logistic regression on the four body measurements,
// written with Vigie's library and exported to ONNX, so the quickstart needs no Python.
//
//   VIGIE_TRAIN        the train split (CSV)          VIGIE_LABEL   the label column
//   VIGIE_PARAMS_JSON  hyperparameters, e.g. {"C": 1} VIGIE_OUTPUT  where to write model.onnx
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linearClassifierOnnx, logisticRegression } from '@vigie/core/models';
import { getColumn, openDuckDb, readTable } from '@vigie/core/table';

const FEATURES = ['Culmen Length (mm)', 'Culmen Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
const { VIGIE_TRAIN, VIGIE_LABEL, VIGIE_OUTPUT } = process.env;
const params = { C: 1, ...JSON.parse(process.env.VIGIE_PARAMS_JSON ?? '{}') };

const db = await openDuckDb({});
const table = await readTable(db, VIGIE_TRAIN, {});
await db[Symbol.asyncDispose]();

// Rows with a label, the features as a matrix; missing values imputed by the training median.
const label = getColumn(table, VIGIE_LABEL);
const rows = [];
for (let i = 0; i < table.rowCount; i++) if (label.codes[i] >= 0) rows.push(i);
const classes = label.dictionary.slice().sort();
const y = Int32Array.from(rows, (i) => classes.indexOf(label.dictionary[label.codes[i]]));
const columns = FEATURES.map((f) => getColumn(table, f).values);
const median = columns.map((v) => {
  const s = rows
    .map((i) => v[i])
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
});
const filled = columns.map((v, j) => rows.map((i) => (Number.isNaN(v[i]) ? median[j] : v[i])));
const mean = filled.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
const scale = filled.map((v, j) => Math.sqrt(v.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / v.length) || 1);
const data = new Float64Array(rows.length * FEATURES.length);
rows.forEach((_, r) => {
  FEATURES.forEach((_, j) => {
    data[r * FEATURES.length + j] = (filled[j][r] - mean[j]) / scale[j];
  });
});

const fitted = logisticRegression({ data, rows: rows.length, cols: FEATURES.length }, y, classes.length, {
  C: params.C,
});
const onnx = linearClassifierOnnx({
  features: FEATURES,
  classes,
  coefficients: fitted.coef,
  intercepts: fitted.intercept,
  preprocessing: { impute: median, mean, scale },
  producerVersion: 'quickstart train.mjs',
});
writeFileSync(join(VIGIE_OUTPUT, 'model.onnx'), onnx);
writeFileSync(
  join(VIGIE_OUTPUT, 'result.json'),
  JSON.stringify({ model: 'model.onnx', modelType: 'logistic-regression (quickstart train.mjs)', params }),
);
console.log(`trained on ${rows.length} rows, ${classes.length} classes, ${fitted.iterations} iterations`);
