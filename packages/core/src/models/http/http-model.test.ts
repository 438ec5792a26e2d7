import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFixture } from '../../../test/support/model-fixtures.js';
import { type ModelServer, startModelServer } from '../../../test/support/model-server.js';
import { isVigieError, type VigieError } from '../../errors/index.js';
import { dictColumnFromStrings, takeRows, withColumn } from '../../table/index.js';
import { openOnnxModel } from '../onnx/open-onnx-model.js';
import { openModel } from '../open-model.js';
import type { ModelRuntime, Predictions } from '../runtime.js';
import { createHttpModel } from './create-http-model.js';

async function failure(run: () => Promise<unknown>): Promise<VigieError> {
  try {
    await run();
  } catch (error) {
    if (isVigieError(error)) return error;
    throw error;
  }
  throw new Error('expected a VigieError');
}

const pipeline = loadModelFixture('penguins-pipeline');
const diabetes = loadModelFixture('diabetes-gbr');
let classifier: ModelRuntime;
let regressor: ModelRuntime;
let classifierServer: ModelServer;
let regressorServer: ModelServer;
let local: Predictions;
let localValues: Predictions;

beforeAll(async () => {
  classifier = await openOnnxModel(pipeline.path);
  regressor = await openOnnxModel(diabetes.path);
  classifierServer = await startModelServer(classifier);
  regressorServer = await startModelServer(
    regressor,
    regressor.signature.inputs.map((f) => f.name),
  );
  local = await classifier.predict(pipeline.table);
  localValues = await regressor.predict(diabetes.table);
});

afterAll(async () => {
  await classifierServer[Symbol.asyncDispose]();
  await regressorServer[Symbol.asyncDispose]();
  await classifier[Symbol.asyncDispose]();
  await regressor[Symbol.asyncDispose]();
});

/**
 * Float32 probabilities travel as JSON text and come back to the last bit. A tree ensemble's
 * values may differ in that last bit when the server predicts in other batches (ONNX Runtime adds
 * the trees up in an order that depends on the batch size).
 */
function expectSame(remote: Predictions, expected: Predictions): void {
  expect(remote.rows).toBe(expected.rows);
  expect(remote.labels).toEqual(expected.labels);
  if (expected.probabilities) expect(remote.probabilities).toEqual(expected.probabilities);
  if (expected.values) {
    let worst = 0;
    expected.values.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(remote.values![i]! - v) / Math.max(1, Math.abs(v)));
    });
    expect(worst).toBeLessThanOrEqual(1e-6);
  }
}

describe('HTTP models answer as the model they serve', () => {
  it('vigie: rows of JSON objects, probabilities as class → p, missing values as null', async () => {
    await using model = createHttpModel({
      url: `${classifierServer.url}/predict`,
      protocol: 'vigie',
      signature: classifier.signature,
      batchRows: 100,
    });
    classifierServer.requests.length = 0;
    expectSame(await model.predict(pipeline.table), local);
    expect(classifierServer.requests.map((r) => r.path)).toEqual(Array(4).fill('/predict'));
    const first = (classifierServer.requests[0]!.body as { rows: Array<Record<string, unknown>> }).rows[3];
    expect(first).toMatchObject({
      bill_depth_mm: null,
      island: pipeline.table.columns[4]!.storage === 'dict' ? 'Torgersen' : '',
    });
    expect(model.format).toBe('http:vigie');
  });

  it('kserve-v2: one [N, 1] tensor per column, labels and [N, K] probabilities back', async () => {
    const rows = takeRows(
      pipeline.table,
      Uint32Array.from({ length: 300 }, (_, i) => i + 4).filter((i) => i !== 50 && i !== 200),
    );
    const expected = await classifier.predict(rows);
    await using model = createHttpModel({
      url: `${classifierServer.url}/v2/models/penguins`,
      protocol: 'kserve-v2',
      signature: classifier.signature,
    });
    classifierServer.requests.length = 0;
    expectSame(await model.predict(rows), expected);
    const body = classifierServer.requests[0]!.body as {
      inputs: Array<{ name: string; datatype: string; shape: number[] }>;
    };
    expect(classifierServer.requests[0]!.path).toBe('/v2/models/penguins/infer');
    expect(body.inputs.map((t) => [t.name, t.datatype, t.shape])).toEqual([
      ['bill_length_mm', 'FP32', [rows.rowCount, 1]],
      ['bill_depth_mm', 'FP32', [rows.rowCount, 1]],
      ['flipper_length_mm', 'FP32', [rows.rowCount, 1]],
      ['body_mass_g', 'FP32', [rows.rowCount, 1]],
      ['island', 'BYTES', [rows.rowCount, 1]],
      ['sex', 'BYTES', [rows.rowCount, 1]],
    ]);
  });

  it('kserve-v2: one [N, F] tensor, regression values', async () => {
    await using model = createHttpModel({
      url: regressorServer.url,
      modelName: 'diabetes',
      inputTensor: 'float_input',
      protocol: 'kserve-v2',
      signature: regressor.signature,
      batchRows: 200,
    });
    regressorServer.requests.length = 0;
    expectSame(await model.predict(diabetes.table), localValues);
    expect(regressorServer.requests.map((r) => r.path)).toEqual(Array(3).fill('/v2/models/diabetes/infer'));
  });

  it('mlflow: a dataframe_split in, labels, probability lists or values out', async () => {
    await using labels = await openModel(classifierServer.url, {
      protocol: 'mlflow',
      signature: classifier.signature,
    });
    const got = await labels.predict(pipeline.table);
    expect(got.labels).toEqual(local.labels);
    expect(got.probabilities).toBeUndefined();
    await using proba = createHttpModel({
      url: `${classifierServer.url}/proba/invocations`,
      protocol: 'mlflow',
      signature: classifier.signature,
    });
    expectSame(await proba.predict(pipeline.table), local);
    await using values = createHttpModel({
      url: `${regressorServer.url}/`,
      protocol: 'mlflow',
      signature: regressor.signature,
    });
    expectSame(await values.predict(diabetes.table), localValues);
    const split = (regressorServer.requests.at(-1)!.body as { dataframe_split: { columns: string[] } })
      .dataframe_split;
    expect(split.columns).toEqual(regressor.signature.inputs.map((f) => f.name));
  });
});

describe('HTTP models refuse what they cannot use', () => {
  const vigie = (override: ModelServer['override'], timeoutMs = 10_000) => {
    classifierServer.override = override;
    return createHttpModel({
      url: `${classifierServer.url}/predict`,
      protocol: 'vigie',
      signature: classifier.signature,
      timeoutMs,
    });
  };
  const small = takeRows(pipeline.table, Uint32Array.from([0, 1, 2]));
  const url = () => `${classifierServer.url}/predict`;
  const prediction = (label: string, p: [number, number, number]) => ({
    id: 'x',
    label,
    probabilities: { Adelie: p[0], Chinstrap: p[1], Gentoo: p[2] },
  });
  afterAll(() => {
    classifierServer.override = undefined;
  });

  const cases: Array<[string, unknown, string]> = [
    [
      'too few predictions',
      { predictions: [prediction('Adelie', [1, 0, 0])] },
      'the answer has 1 predictions for 3 rows',
    ],
    [
      'an unknown class',
      {
        predictions: [
          prediction('Adelie', [1, 0, 0]),
          prediction('Emperor', [1, 0, 0]),
          prediction('Adelie', [1, 0, 0]),
        ],
      },
      'invalid prediction at row 2: label "Emperor" is not one of the classes (Adelie, Chinstrap, Gentoo)',
    ],
    [
      'probabilities that do not sum to 1',
      {
        predictions: [
          prediction('Adelie', [1, 0, 0]),
          prediction('Adelie', [1, 0, 0]),
          prediction('Adelie', [0.5, 0.3, 0.2000011]),
        ],
      },
      'invalid prediction at row 3: probabilities sum to 1.0000011, not 1',
    ],
    [
      'a probability of an unknown class',
      { predictions: [{ id: 'x', label: 'Adelie', probabilities: { Adelie: 1, Emperor: 0 } }, {}, {}] },
      'invalid prediction at row 1: probability of "Emperor", which is not one of the classes (Adelie, Chinstrap, Gentoo)',
    ],
    ['no predictions list', { result: [] }, 'the answer has no "predictions" list'],
    ['text that is not JSON', 'Bad Gateway', 'the answer is not JSON ("Bad Gateway")'],
  ];
  for (const [name, body, message] of cases)
    it(`refuses ${name}`, async () => {
      await using model = vigie(() => ({ status: 200, body }));
      const e = await failure(() => model.predict(small));
      expect(e.code).toBe('PARSE_ERROR');
      expect(e.message).toBe(`${url()}: ${message}`);
    });

  it('names the URL and the status of an HTTP error', async () => {
    await using model = vigie(() => ({
      status: 503,
      body: { error: { message: 'model is loading\nretry later' } },
    }));
    const e = await failure(() => model.predict(small));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toBe(`${url()}: the model server answered 503 Service Unavailable: model is loading`);
    await using missing = vigie(() => ({ status: 404, body: 'no such model' }));
    const m = await failure(() => missing.predict(small));
    expect(m.code).toBe('NOT_FOUND');
    expect(m.message).toBe(`${url()}: the model server answered 404 Not Found: no such model`);
  });

  it('gives up after the timeout', async () => {
    await using model = vigie(() => 'hang', 150);
    const started = performance.now();
    const e = await failure(() => model.predict(small));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toBe(`${url()}: no answer within 150 ms`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('names a server it cannot reach', async () => {
    await using model = createHttpModel({
      url: 'http://127.0.0.1:9/predict',
      protocol: 'vigie',
      signature: classifier.signature,
    });
    const e = await failure(() => model.predict(small));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/^http:\/\/127\.0\.0\.1:9\/predict: cannot reach the model server \(.+\)$/);
  });

  it('refuses missing values the KServe protocol cannot send, and missing columns', async () => {
    await using model = createHttpModel({
      url: `${classifierServer.url}/v2/models/penguins`,
      protocol: 'kserve-v2',
      signature: classifier.signature,
    });
    const e = await failure(() => model.predict(pipeline.table));
    expect(e.message).toBe(
      'penguins-pipeline.json: column "bill_length_mm" is missing at row 201, and the KServe v2 protocol cannot send a missing value',
    );
    const noSex = withColumn(small, dictColumnFromStrings('sex', ['male', 'female', 'male']));
    const columns = noSex.columns.filter((c) => c.name !== 'island');
    const c = await failure(() => model.predict({ ...noSex, columns }));
    expect(c.code).toBe('COLUMN_NOT_FOUND');
    expect(c.message).toContain(
      `missing column "island" that the model at ${classifierServer.url}/v2/models/penguins/infer takes as input`,
    );
  });

  it('needs a signature that says what the model gives', async () => {
    const e = await failure(async () => openModel('http://127.0.0.1:9/predict'));
    expect(e.message).toBe(
      'http://127.0.0.1:9/predict: a model server does not describe itself: declare its signature (task, classes, inputs)',
    );
    const noClasses = await failure(async () =>
      createHttpModel({
        url: 'http://127.0.0.1:9/x',
        protocol: 'vigie',
        signature: { task: 'classification' },
      }),
    );
    expect(noClasses.message).toContain('declare "classes" in the signature');
    const kserve = await failure(async () =>
      createHttpModel({
        url: 'http://127.0.0.1:9/',
        protocol: 'kserve-v2',
        signature: { task: 'regression' },
      }),
    );
    expect(kserve.message).toBe(
      'http://127.0.0.1:9/: a KServe v2 URL names the model: http(s)://HOST/v2/models/NAME[/infer]',
    );
  });
});
