import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspace } from './support/run-cli.js';
import { startServe } from './support/serve-process.js';

const PENGUINS = fileURLToPath(new URL('../../../examples/quickstart/data/penguins.csv', import.meta.url));
const ws = workspace('vigie-cli-integration-serve-');

describe('vigie test-integration against vigie serve', () => {
  it('a fake model (small boosted trees) served by the gateway passes every case', async () => {
    const fake = await ws.run([
      'test-integration',
      'fake',
      '--data',
      PENGUINS,
      '--label',
      'species',
      '--trainer',
      'gbdt',
      '--out',
      'fake.onnx',
    ]);
    expect(fake.code).toBe(0);
    const served = await startServe(['--model', 'penguins=fake.onnx', '--port', '0', '--no-log'], ws.dir);
    try {
      const r = await ws.run([
        'test-integration',
        '--target',
        `${served.url}/v1/models/penguins/predict`,
        '--data',
        PENGUINS,
        '--label',
        'species',
        '--json',
        '--large-batch',
        '500',
        '--long-string',
        '20000',
      ]);
      const out = JSON.parse(r.stdout);
      expect(out.integration.failed).toEqual([]);
      expect(r.code).toBe(0);
      const byCheck = new Map(out.verdicts.map((v: { check: string }) => [v.check, v]));
      // The gateway checks the inputs against the signature: a wrong type is refused with a 4xx.
      expect(byCheck.get('case:wrong-type-string:bill_length_mm')).toMatchObject({
        status: 'pass',
        details: { outcome: 'reject' },
      });
      expect(byCheck.get('case:nominal:batch')).toMatchObject({ status: 'pass', value: 200 });
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });
});
