import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelFixture } from '../../test/support/model-fixtures.js';
import { startModelServer } from '../../test/support/model-server.js';
import { openModel, openOnnxModel } from '../models/index.js';
import { dictColumnFromStrings, takeRows, withColumn } from '../table/index.js';
import { kernelShap } from './kernel-shap.js';
import { permutationImportance } from './permutation-importance.js';

/** The explainers see only `predict`: a model behind a server is explained like the same model in process. */
describe('explaining a model server', () => {
  it('Kernel SHAP and permutation importance through HTTP equal shap’s values and the in-process ones', async () => {
    const f = loadModelFixture('penguins-pipeline');
    const ref = JSON.parse(
      readFileSync(new URL('../../test/fixtures/explain/penguins-pipeline.json', import.meta.url), 'utf8'),
    );
    await using local = await openOnnxModel(f.path);
    await using server = await startModelServer(local);
    await using remote = await openModel(`${server.url}/predict`, {
      protocol: 'vigie',
      signature: local.signature,
    });
    const background = takeRows(f.table, ref.background);
    const r = await kernelShap(remote, takeRows(f.table, [ref.shap.rows[0]]), { background });
    const d = r.outputs.names.length;
    (ref.shap.values[0] as number[][]).forEach((perOutput, j) => {
      perOutput.forEach((v, k) => {
        expect(Math.abs(r.rows[0]!.values[j * d + k]! - v)).toBeLessThan(1e-5);
      });
    });
    expect(server.requests.length).toBeGreaterThan(1);
    const data = withColumn(f.table, dictColumnFromStrings('species', ref.permutation.label));
    const viaHttp = await permutationImportance(remote, data, { label: 'species', nRepeats: 2 });
    const inProcess = await permutationImportance(local, data, { label: 'species', nRepeats: 2 });
    expect(viaHttp).toEqual(inProcess);
  });
});
