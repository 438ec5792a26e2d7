import { describe, expect, it } from 'vitest';
import { isVigieError } from '../errors/index.js';
import { parseModelLocation } from './open-model.js';
import type { Predictions } from './runtime.js';
import { parseSignature } from './signature.js';
import { clampProbabilities, createClassIndex, validatePredictions } from './validate-predictions.js';

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isVigieError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

const classes = ['a', 'b'];
const ok: Predictions = {
  task: 'classification',
  rows: 2,
  classes,
  labels: Int32Array.from([0, 1]),
  probabilities: Float64Array.from([0.75, 0.25, 0.4, 0.6]),
};

describe('validatePredictions', () => {
  it('accepts one label per row, probabilities summing to 1 within 1e-6 and finite values', () => {
    expect(message(() => validatePredictions(ok, 2, 'm'))).toBe('no error');
    const nearly = { ...ok, probabilities: Float64Array.from([0.75, 0.2500009, 0.4, 0.6]) };
    expect(message(() => validatePredictions(nearly, 2, 'm'))).toBe('no error');
    // A forest's float32 average of ones can be 1.0000001: accepted, then clamped to 1.
    const rounded = { ...ok, probabilities: Float64Array.from([1.0000001192092896, 0, 0.4, 0.6]) };
    expect(message(() => validatePredictions(rounded, 2, 'm'))).toBe('no error');
    clampProbabilities(rounded);
    expect(Array.from(rounded.probabilities)).toEqual([1, 0, 0.4, 0.6]);
    const values: Predictions = { task: 'regression', rows: 2, values: Float64Array.from([1, -2]) };
    expect(message(() => validatePredictions(values, 2, 'm'))).toBe('no error');
  });

  it('names the first bad row', () => {
    const cases: Array<[Predictions, string]> = [
      [{ ...ok, rows: 1 }, 'PARSE_ERROR: m: 1 predictions for 2 rows'],
      [{ ...ok, labels: Int32Array.from([0]) }, 'PARSE_ERROR: m: 1 labels for 2 rows'],
      [
        { ...ok, labels: Int32Array.from([0, 2]) },
        'PARSE_ERROR: m: invalid prediction at row 2: label index 2 is not one of the 2 classes',
      ],
      [
        { ...ok, probabilities: Float64Array.from([0.75, 0.25, 0.4, 0.6000011]) },
        'PARSE_ERROR: m: invalid prediction at row 2: probabilities sum to 1.0000011, not 1',
      ],
      [
        { ...ok, probabilities: Float64Array.from([1.000002, -0.000002, 0.4, 0.6]) },
        'PARSE_ERROR: m: invalid prediction at row 1: probability 1.000002 of class a is not in [0, 1]',
      ],
      [
        { ...ok, probabilities: Float64Array.from([1.5, -0.5, 0.4, 0.6]) },
        'PARSE_ERROR: m: invalid prediction at row 1: probability 1.5 of class a is not in [0, 1]',
      ],
      [
        { ...ok, probabilities: Float64Array.from([Number.NaN, 1, 0.4, 0.6]) },
        'PARSE_ERROR: m: invalid prediction at row 1: probability NaN of class a is not in [0, 1]',
      ],
      [
        { ...ok, probabilities: Float64Array.from([1, 0]) },
        'PARSE_ERROR: m: 2 probabilities for 2 rows × 2 classes',
      ],
      [
        { task: 'regression', rows: 2, values: Float64Array.from([1, Number.POSITIVE_INFINITY]) },
        'PARSE_ERROR: m: invalid prediction at row 2: value Infinity is not finite',
      ],
    ];
    for (const [p, expected] of cases) expect(message(() => validatePredictions(p, 2, 'm'))).toBe(expected);
  });

  it('maps labels to classes, numbers and their text alike', () => {
    const index = createClassIndex([0, 1, 'x'], 'm');
    expect([index(1, 1), index('1', 2), index(0n, 3), index('x', 4)]).toEqual([1, 1, 0, 2]);
    expect(message(() => index('y', 7))).toBe(
      'PARSE_ERROR: m: invalid prediction at row 7: label "y" is not one of the classes (0, 1, x)',
    );
  });
});

describe('signatures and locations', () => {
  it('parses a declared signature and names what is wrong', () => {
    expect(
      parseSignature({ task: 'regression', inputs: [{ name: 'x', type: 'numeric' }], extra: 1 }, 'f'),
    ).toEqual({
      task: 'regression',
      inputs: [{ name: 'x', type: 'numeric' }],
    });
    expect(message(() => parseSignature({ task: 'ranking' }, 'sig.json'))).toMatch(
      /^INVALID_ARGUMENT: sig\.json: invalid signature at task: /,
    );
    expect(message(() => parseSignature({ classes: ['a', 'a'] }, 'f'))).toBe(
      "INVALID_ARGUMENT: f: the signature's classes repeat a class",
    );
  });

  it('tells an ONNX file from a model server, and refuses formats Vigie cannot run', () => {
    expect(parseModelLocation('models/clf.onnx')).toEqual({ kind: 'onnx-file', path: 'models/clf.onnx' });
    expect(parseModelLocation('HTTPS://h/v2/models/x')).toEqual({
      kind: 'http',
      url: 'HTTPS://h/v2/models/x',
    });
    expect(parseModelLocation(new Uint8Array(1)).kind).toBe('onnx-bytes');
    expect(message(() => parseModelLocation('model.pkl'))).toBe(
      'UNSUPPORTED: model.pkl: a pickle is not a model Vigie can run; export the model to ONNX (scikit-learn: skl2onnx, see docs/models.md) or serve it over HTTP',
    );
  });
});
