import { describe, expect, it } from 'vitest';
// The helper threads load the built modules (Node 20 cannot run the TypeScript sources in a
// worker), so this suite tests dist/ (npm test builds first), as test/parallel does.
import { compileEnsemble, fitGbdt } from '../../dist/models/index.js';
import { createRandom } from '../../dist/random/index.js';

function data(n: number, f: number) {
  const rng = createRandom(12);
  const x = new Float64Array(n * f);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) x[i * f + j] = rng.float() < 0.03 ? Number.NaN : rng.normal();
    x[i * f + f - 1] = rng.int(6);
    const r = i * f;
    y[i] =
      (x[r]! || 0) * (x[r + 1]! || 0) +
        Math.sin(x[r + 2]! || 0) +
        (x[r + f - 1] === 3 ? 1 : 0) +
        rng.normal() >
      0
        ? 1
        : 0;
  }
  return { x: { data: x, rows: n, cols: f }, y };
}

describe('gradient boosting on two threads', () => {
  it('fits the same model, bit for bit, with one thread or two (a helper sums half the histogram features)', () => {
    const { x, y } = data(150_000, 14);
    const options = {
      task: 'classification' as const,
      maxIter: 8,
      categories: [...new Array(13).fill(0), 6],
    };
    const one = fitGbdt(x, y, { ...options, threads: 1 });
    const two = fitGbdt(x, y, { ...options, threads: 2 });
    expect(JSON.stringify(two.toJSON())).toBe(JSON.stringify(one.toJSON()));
  });

  it('fits the same multiclass and regression models with one thread or two (the helper computes half the gradients)', () => {
    const { x, y } = data(120_000, 18);
    const classes = Float64Array.from(y, (v, i) => v + (i % 3 === 0 ? 1 : 0));
    for (const [target, task] of [
      [classes, 'classification'],
      [Float64Array.from(y, (v, i) => 2 * v + (i % 7) / 3), 'regression'],
    ] as const) {
      const options = { task, maxIter: 3 } as const;
      const one = fitGbdt(x, target, { ...options, threads: 1 });
      const two = fitGbdt(x, target, { ...options, threads: 2 });
      expect(JSON.stringify(two.toJSON())).toBe(JSON.stringify(one.toJSON()));
    }
  });

  it('predicts the same with a helper thread taking half the rows', () => {
    const { x, y } = data(300_000, 6);
    const model = fitGbdt(x, y, { task: 'regression', maxIter: 20, categories: [0, 0, 0, 0, 0, 6] });
    const one = compileEnsemble(model.ensemble, { threads: 1 }).predictRaw(x);
    const two = compileEnsemble(model.ensemble, { threads: 2 }).predictRaw(x);
    expect(two.length).toBe(one.length);
    let same = true;
    for (let i = 0; i < one.length; i++) if (one[i] !== two[i]) same = false;
    expect(same).toBe(true);
  });
});
