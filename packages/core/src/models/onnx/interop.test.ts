import { describe, expect, it } from 'vitest';
import { loadModelFixture, MODEL_FIXTURES } from '../../../test/support/model-fixtures.js';
import { openOnnxModel } from './open-onnx-model.js';

/**
 * Vigie's ONNX runtime against scikit-learn itself (the fixtures' predictions come from the
 * estimators, not from ONNX Runtime): identical labels, probabilities and values within 1e-5. The
 * models compute in float32, so values are compared relative to their size.
 */
describe('ONNX models exported by skl2onnx predict as scikit-learn does', () => {
  for (const name of MODEL_FIXTURES) {
    it(name, async () => {
      const f = loadModelFixture(name);
      await using model = await openOnnxModel(f.path, f.signature ? { signature: f.signature } : {});
      const p = await model.predict(f.table);
      expect(p.rows).toBe(f.table.rowCount);
      expect(p.task).toBe(f.task);
      if (f.task === 'regression') {
        let worst = 0;
        f.values!.forEach((v, i) => {
          worst = Math.max(worst, Math.abs(p.values![i]! - v) / Math.max(1, Math.abs(v)));
        });
        expect(worst).toBeLessThanOrEqual(1e-5);
        return;
      }
      expect(p.classes).toEqual(f.classes);
      expect(Array.from(p.labels!, (l) => p.classes![l])).toEqual(f.labels);
      const k = f.classes!.length;
      let worst = 0;
      f.probabilities!.forEach((row, i) => {
        row.forEach((q, j) => {
          worst = Math.max(worst, Math.abs(p.probabilities![i * k + j]! - q));
        });
      });
      expect(worst).toBeLessThanOrEqual(1e-5);
    });
  }
});
