import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import { allocateHistogramData } from './histogram-memory.js';
import { binomial } from './loss.js';
import { lossGradients } from './loss-gradients.js';

describe('lossGradients', () => {
  it('computes the binomial gradients in WebAssembly with the same float32 bits as loss.ts', () => {
    const rng = createRandom(4);
    const special = [
      0,
      -0,
      1e-300,
      -1e-300,
      2 ** -29,
      -(2 ** -29),
      0.3465,
      -0.3466,
      1.04,
      -1.04,
      36,
      -40,
      708,
      -708,
      746,
      -746,
      1e6,
      -1e6,
    ];
    const rows = 40_000 + special.length;
    const data = allocateHistogramData({
      rows,
      nFeatures: 1,
      nOutputs: 1,
      constantHessian: false,
      stride: 2,
      shared: false,
    });
    for (let i = 0; i < rows; i++) {
      const scale = [0.01, 0.5, 3, 30][i % 4]!;
      data.raw[i] = i < special.length ? special[i]! : rng.normal() * scale;
      data.y[i] = rng.int(2);
    }
    const expectedG = new Float32Array(rows);
    const expectedH = new Float32Array(rows);
    binomial.gradients(data.y, data.raw, [expectedG], [expectedH]);
    expect(data.kernel).not.toBeNull();
    const compute = lossGradients(binomial, data, data.kernel);
    compute(0, 1000);
    compute(1000, rows);
    expect(Array.from(data.gradients[0]!)).toEqual(Array.from(expectedG));
    expect(Array.from(data.hessians![0]!)).toEqual(Array.from(expectedH));
  });
});
