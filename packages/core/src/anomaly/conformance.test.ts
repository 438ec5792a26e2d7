import { describe, expect, it } from 'vitest';
import { checkConformance, type DetectorUnderTest } from './conformance.js';
import { type Matrix, matrixFromRows } from './matrix.js';

/** A toy detector (column means) with switches that break one rule each. */
interface Flaws {
  mutateData?: boolean;
  mutateParams?: boolean;
  random?: boolean;
  keepData?: boolean;
  orderDependent?: boolean;
}
interface Params {
  flaws: Flaws;
}

let calls = 0;
function toy(m: Matrix, params: Params) {
  const f = params.flaws;
  calls++;
  if (f.mutateData) m.data[0] = m.data[0]! + 1;
  if (f.mutateParams) f.random = f.random ?? false;
  const mean = m.data.reduce((a, v) => a + v, 0) / m.data.length + (f.random ? calls : 0);
  const first = f.orderDependent ? m.data[0]! : 0;
  const fitted = {
    mean,
    first,
    held: f.keepData ? m.data : undefined,
    toJSON: () => ({ mean, first }),
  };
  return Object.freeze(fitted);
}
type Toy = ReturnType<typeof toy>;

const detector: DetectorUnderTest<Matrix, Params, Toy> = {
  name: 'toy',
  fit: toy,
  fromJSON: (json) => {
    const { mean, first } = json as { mean: number; first: number };
    return Object.freeze({ mean, first, held: undefined, toJSON: () => ({ mean, first }) });
  },
  outputs: (f, m) => [Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols]! - f.mean)],
  rowOrder: {
    invariant: true,
    compare: 'close',
    values: (f, m) => Float64Array.from({ length: m.rows }, () => f.first),
  },
};

describe('checkConformance', () => {
  const m = () => matrixFromRows(Array.from({ length: 10 }, (_, i) => [i * i, 10 - i]));

  it('accepts a conforming detector', () => {
    expect(() => checkConformance(detector, m(), { flaws: {} })).not.toThrow();
  });

  it.each([
    ['mutateData', 'fit mutated the data'],
    ['mutateParams', 'fit mutated the params'],
    ['random', 'fit is not idempotent'],
    ['keepData', 'holds the caller'],
    ['orderDependent', 'did not permute the outputs'],
  ] as const)('catches %s', (flaw, message) => {
    expect(() => checkConformance(detector, m(), { flaws: { [flaw]: true } })).toThrow(message);
  });
});
