import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DeclaredSignature } from '../../src/models/signature.js';
import { createTable, dictColumnFromStrings, float64Column, type Table } from '../../src/table/index.js';

const FIXTURES = new URL('../fixtures/models/', import.meta.url);

/** The interop fixtures written by scripts/models/make_fixtures.py. */
export type ModelFixtureName =
  | 'penguins-logreg'
  | 'penguins-pipeline'
  | 'penguins-forest'
  | 'penguins-sex-gb'
  | 'diabetes-gbr';

export const MODEL_FIXTURES: readonly ModelFixtureName[] = [
  'penguins-logreg',
  'penguins-pipeline',
  'penguins-forest',
  'penguins-sex-gb',
  'diabetes-gbr',
];

export interface ModelFixture {
  name: ModelFixtureName;
  /** Absolute path of the .onnx file. */
  path: string;
  task: 'classification' | 'regression';
  /** The signature the test declares (null when the file carries what is needed). */
  signature: DeclaredSignature | null;
  /** The rows scikit-learn predicted on. */
  table: Table;
  classes?: Array<string | number>;
  /** scikit-learn's predict / predict_proba. */
  labels?: Array<string | number>;
  probabilities?: number[][];
  values?: number[];
  /** How far ONNX Runtime (Python) was from scikit-learn when the fixture was made. */
  onnxruntimeMaxAbsDiff: number;
}

interface FixtureColumn {
  name: string;
  type: 'numeric' | 'categorical';
  values: Array<number | string | null>;
}

export function loadModelFixture(name: ModelFixtureName): ModelFixture {
  const doc = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));
  const columns = (doc.columns as FixtureColumn[]).map((c) =>
    c.type === 'numeric'
      ? float64Column(
          c.name,
          Float64Array.from(c.values, (v) => (v === null ? Number.NaN : (v as number))),
        )
      : dictColumnFromStrings(c.name, c.values as Array<string | null>),
  );
  return {
    name,
    path: fileURLToPath(new URL(doc.model, FIXTURES)),
    task: doc.task,
    signature: doc.signature,
    table: createTable(columns, `${name}.json`),
    classes: doc.classes,
    labels: doc.labels,
    probabilities: doc.probabilities,
    values: doc.values,
    onnxruntimeMaxAbsDiff: doc.onnxruntimeMaxAbsDiff,
  };
}
