import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelFixture } from '../../../test/support/model-fixtures.js';
import { isVigieError, type VigieError } from '../../errors/index.js';
import {
  createTable,
  dictColumnFromStrings,
  float64Column,
  selectColumns,
  type Table,
  takeRows,
  withColumn,
} from '../../table/index.js';
import { exposeOutputs, readOnnxFile } from './onnx-file.js';
import { openOnnxModel } from './open-onnx-model.js';

async function failure(run: () => Promise<unknown>): Promise<VigieError> {
  try {
    await run();
  } catch (error) {
    if (isVigieError(error)) return error;
    throw error;
  }
  throw new Error('expected a VigieError');
}

const logreg = loadModelFixture('penguins-logreg');
const pipeline = loadModelFixture('penguins-pipeline');
const forest = loadModelFixture('penguins-forest');
const sexGb = loadModelFixture('penguins-sex-gb');
const diabetes = loadModelFixture('diabetes-gbr');
const FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];

/** The rows of `table` repeated until there are `n`. */
function repeatRows(table: Table, n: number): Table {
  return takeRows(
    table,
    Uint32Array.from({ length: n }, (_, i) => i % table.rowCount),
  );
}

describe('the signature read from ONNX files', () => {
  it('reads one input per column, the labels, the ZipMap probabilities and the classes of a pipeline', async () => {
    await using model = await openOnnxModel(pipeline.path);
    expect(model.format).toBe('onnx');
    expect(model.signature).toEqual({
      task: 'classification',
      inputs: [
        ...FEATURES.map((name) => ({ name, type: 'numeric' })),
        { name: 'island', type: 'categorical' },
        { name: 'sex', type: 'categorical' },
      ],
      outputs: [
        { name: 'output_label', type: 'tensor(string)' },
        { name: 'output_probability', type: 'seq(map(string,tensor(float)))' },
      ],
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    });
  });

  it('reads the features of a single [N, F] input from the vigie.signature metadata entry', async () => {
    await using model = await openOnnxModel(forest.path);
    expect(model.signature.inputs.map((f) => f.name)).toEqual(FEATURES);
    expect(model.signature.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    await using regressor = await openOnnxModel(diabetes.path);
    expect(regressor.signature.task).toBe('regression');
    expect(regressor.signature.classes).toBeUndefined();
    expect(regressor.signature.outputs).toEqual([{ name: 'variable', type: 'tensor(float)' }]);
  });

  it('reads integer classes', async () => {
    await using model = await openOnnxModel(sexGb.path, { signature: sexGb.signature! });
    expect(model.signature.classes).toEqual([0, 1]);
    const p = await model.predict(sexGb.table);
    expect(p.classes).toEqual([0, 1]);
  });

  it('asks for the feature order when the file does not give it', async () => {
    const e = await failure(() => openOnnxModel(logreg.path));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toBe(
      `${logreg.path}: the model takes one [N, 4] float32 tensor "float_input" and its file does not say which column is which feature: declare the feature columns, in order, as the signature's inputs (or in a vigie.signature metadata entry)`,
    );
  });

  it('lets a declared signature override the classes, and refuses one that does not fit the model', async () => {
    await using model = await openOnnxModel(sexGb.path, {
      signature: { ...sexGb.signature!, classes: ['female', 'male'] },
    });
    const p = await model.predict(sexGb.table);
    expect(p.classes).toEqual(['female', 'male']);
    expect(Array.from(p.labels!.subarray(0, 3))).toEqual(sexGb.labels!.slice(0, 3));
    const e = await failure(() =>
      openOnnxModel(sexGb.path, { signature: { ...sexGb.signature!, classes: ['a', 'b', 'c'] } }),
    );
    expect(e.message).toContain('the signature has 3 classes (a, b, c) but the model has 2 (0, 1)');
    const three = await failure(() =>
      openOnnxModel(logreg.path, {
        signature: { inputs: FEATURES.slice(0, 3).map((name) => ({ name, type: 'numeric' })) },
      }),
    );
    expect(three.message).toContain(
      'the model takes 4 features in "float_input" [N, 4] but the signature lists 3 (bill_length_mm, bill_depth_mm, flipper_length_mm)',
    );
    const names = await failure(() =>
      openOnnxModel(pipeline.path, { signature: { inputs: [{ name: 'x', type: 'numeric' }] } }),
    );
    expect(names.message).toContain("the signature's inputs (x) are not the model's inputs (bill_length_mm,");
  });

  it('opens the same model from its bytes', async () => {
    await using model = await openOnnxModel(new Uint8Array(readFileSync(forest.path)));
    const p = await model.predict(forest.table);
    expect(Array.from(p.labels!.subarray(0, 5), (l) => p.classes![l])).toEqual(forest.labels!.slice(0, 5));
  });
});

describe('files that are not ONNX models', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['empty', new Uint8Array()],
    ['text', new TextEncoder().encode('species,island\nAdelie,Dream\n')],
    ['truncated', new Uint8Array(readFileSync(forest.path)).subarray(0, 1000)],
    ['random', Uint8Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256)],
  ];
  for (const [name, bytes] of cases)
    it(`refuses ${name} bytes in one line`, async () => {
      const e = await failure(() => openOnnxModel(bytes, { label: `${name}.onnx` }));
      expect(e.code).toBe('PARSE_ERROR');
      expect(e.message).toMatch(new RegExp(`^${name}\\.onnx: not an ONNX model \\([^\\n]+\\)$`));
    });

  it('names a missing file', async () => {
    const e = await failure(() => openOnnxModel('/nonexistent/model.onnx'));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toBe('/nonexistent/model.onnx: no such file');
  });
});

describe('tables that do not fit the model', () => {
  it('names the missing columns', async () => {
    await using model = await openOnnxModel(pipeline.path);
    const table = selectColumns(pipeline.table, [
      'bill_length_mm',
      'bill_depth_mm',
      'flipper_length_mm',
      'island',
    ]);
    const e = await failure(() => model.predict(table));
    expect(e.code).toBe('COLUMN_NOT_FOUND');
    expect(e.message).toBe(
      `penguins-pipeline.json: missing columns "body_mass_g", "sex" that ${pipeline.path} takes as input (it takes bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, island, sex)`,
    );
  });

  it('names columns of the wrong type', async () => {
    await using model = await openOnnxModel(pipeline.path);
    const island = dictColumnFromStrings('bill_depth_mm', Array(pipeline.table.rowCount).fill('deep'));
    const sex = float64Column('sex', new Float64Array(pipeline.table.rowCount).fill(1.5));
    const e = await failure(() => model.predict(withColumn(withColumn(pipeline.table, island), sex)));
    expect(e.code).toBe('TYPE_MISMATCH');
    expect(e.message).toBe(
      `penguins-pipeline.json: ${pipeline.path}: column "bill_depth_mm" is categorical (text) but input "bill_depth_mm" takes numbers (float32); column "sex" is numeric but input "sex" takes text (string)`,
    );
  });
});

describe('numbers a float32 input cannot hold', () => {
  it('are refused, naming the column and row but not the value', async () => {
    await using model = await openOnnxModel(logreg.path, { signature: logreg.signature! });
    const n = logreg.table.rowCount;
    const mass = new Float64Array(n).fill(4000);
    mass[2] = -Number.MAX_VALUE;
    const e = await failure(() =>
      model.predict(withColumn(logreg.table, float64Column('body_mass_g', mass))),
    );
    expect(e.code).toBe('TYPE_MISMATCH');
    expect(e.message).toContain(
      'column "body_mass_g" holds a number beyond the float32 range (±3.4e38) at row 3; the model takes float32 numbers there',
    );
    expect(e.message).not.toContain('e+308');
    // The largest float32 itself is fine.
    mass[2] = 3.4028234663852886e38;
    await model.predict(withColumn(logreg.table, float64Column('body_mass_g', mass)));
  });
});

describe('missing values', () => {
  it('are NaN for float inputs: the pipeline imputes them as scikit-learn does', async () => {
    await using model = await openOnnxModel(pipeline.path);
    const p = await model.predict(pipeline.table);
    // Row 4 has no bill depth (set by the fixture generator); its prediction matches scikit-learn's.
    expect(Number.isNaN((pipeline.table.columns[1]!.values as Float64Array)[3])).toBe(true);
    expect(p.classes![p.labels![3]!]).toBe(pipeline.labels![3]);
  });

  it('are refused, naming the column and the row, where the input is text', async () => {
    await using model = await openOnnxModel(pipeline.path);
    const sex = Array.from({ length: pipeline.table.rowCount }, (_, i) => (i === 6 ? null : 'male'));
    const e = await failure(() =>
      model.predict(withColumn(pipeline.table, dictColumnFromStrings('sex', sex))),
    );
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toBe(
      `penguins-pipeline.json: column "sex" is missing at row 7, and input "sex" of ${pipeline.path} (string) cannot take a missing value`,
    );
    expect(e.details).toMatchObject({ column: 'sex', row: 7 });
  });

  it('that a model turns into invalid outputs are reported on their row', async () => {
    await using model = await openOnnxModel(logreg.path, { signature: logreg.signature! });
    const values = new Float64Array((logreg.table.columns[0]!.values as Float64Array).subarray(0, 10));
    values[4] = Number.NaN;
    const table = withColumn(
      takeRows(
        logreg.table,
        Uint32Array.from({ length: 10 }, (_, i) => i),
      ),
      float64Column('bill_length_mm', values),
    );
    const e = await failure(() => model.predict(table));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(
      /invalid prediction at row 5: .* \(the row is missing bill_length_mm; this model may not take missing values\)$/,
    );
  });
});

describe('batches', () => {
  it('give the same predictions as one call, on a table larger than one batch', async () => {
    const big = repeatRows(forest.table, 70_000);
    await using batched = await openOnnxModel(forest.path);
    await using whole = await openOnnxModel(forest.path, { batchRows: 100_000 });
    const progress: number[] = [];
    const a = await batched.predict(big, { onProgress: (done) => progress.push(done) });
    const b = await whole.predict(big);
    expect(progress).toEqual([65_536, 70_000]);
    expect(a.labels).toEqual(b.labels);
    expect(a.probabilities).toEqual(b.probabilities);
    expect(a.probabilities!.length).toBe(70_000 * 3);
  });

  it('of odd sizes agree for every input mapping and output kind', async () => {
    // ONNX Runtime's tree ensembles add the trees up in an order that depends on the batch size,
    // so the last float32 bit of a probability or value may differ; labels may not.
    const close = (x: Float64Array | undefined, y: Float64Array | undefined) => {
      expect(x?.length).toBe(y?.length);
      let worst = 0;
      x?.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - y![i]!) / Math.max(1, Math.abs(v)));
      });
      expect(worst).toBeLessThanOrEqual(1e-6);
    };
    for (const f of [pipeline, sexGb, diabetes]) {
      await using one = await openOnnxModel(f.path, f.signature ? { signature: f.signature } : {});
      await using small = await openOnnxModel(f.path, {
        ...(f.signature ? { signature: f.signature } : {}),
        batchRows: 7,
      });
      const a = await one.predict(f.table);
      const b = await small.predict(f.table);
      expect(b.labels).toEqual(a.labels);
      close(b.probabilities, a.probabilities);
      close(b.values, a.values);
    }
  });

  it('predict nothing for an empty table', async () => {
    await using model = await openOnnxModel(diabetes.path);
    const empty = takeRows(diabetes.table, new Uint32Array(0));
    const p = await model.predict(empty);
    expect(p).toEqual({ task: 'regression', rows: 0, values: new Float64Array(0) });
  });
});

describe('the ONNX file reader', () => {
  it('reads metadata, outputs and class labels, and exposes an intermediate tensor as an output', () => {
    const bytes = new Uint8Array(readFileSync(forest.path));
    const file = readOnnxFile(bytes, 'forest');
    expect(JSON.parse(file.metadata.get('vigie.signature')!).inputs).toHaveLength(4);
    expect(file.outputs.map((o) => o.name)).toEqual(['output_label', 'output_probability']);
    expect(file.outputs[1]!.type).toEqual({
      kind: 'sequence',
      elem: { kind: 'map', keyType: 8, value: { kind: 'tensor', elemType: 1, shape: null } },
    });
    const zipMap = file.nodes.find((n) => n.opType === 'ZipMap')!;
    expect(zipMap.classLabels).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    const exposed = readOnnxFile(exposeOutputs(file, [{ name: zipMap.inputs[0]!, elemType: 1 }]), 'exposed');
    expect(exposed.outputs.map((o) => o.name)).toEqual([
      'output_label',
      'output_probability',
      zipMap.inputs[0],
    ]);
    expect(exposed.metadata).toEqual(file.metadata);
    expect(exposed.nodes).toEqual(file.nodes);
  });

  it('reads the operator sets: the fixtures cover both LabelEncoder versions Vigie appends for string labels', () => {
    const ml = (f: { path: string }) =>
      readOnnxFile(new Uint8Array(readFileSync(f.path)), f.path).opsets.get('ai.onnx.ml');
    expect(ml(logreg)).toBe(1);
    expect(ml(forest)).toBe(1);
    expect(ml(pipeline)).toBe(3);
    expect(createTable([float64Column('a', new Float64Array(2))]).rowCount).toBe(2);
  });
});
