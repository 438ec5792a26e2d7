import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPredictionLog } from '../../src/monitor/index.js';
import { type NatsServer, SKIP_NATS, startNatsServer } from '../support/nats.js';
import { predictionLogContract, record } from '../support/prediction-log-contract.js';

if (SKIP_NATS) {
  describe('PredictionLog contract: NATS JetStream', () => {
    it.skip(`skipped: ${SKIP_NATS}`, () => {});
  });
} else {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  let n = 0;
  predictionLogContract('NATS JetStream', (options) =>
    openPredictionLog(`${server.url}/predictions_${n++}`, options),
  );

  describe('NATS JetStream prediction log', () => {
    it('refuses to join more predictions with feedback than nats.maxJoin', async () => {
      await using log = await openPredictionLog(`${server.url}/bounded`, { nats: { maxJoin: 1 } });
      await log.append([record(1), record(2)]);
      await log.appendFeedback({ predictionId: record(1).id, at: record(1).at, label: 'Adelie' });
      const joined = async () => {
        for await (const _ of log.joined()) void _;
      };
      await expect(joined()).resolves.toBeUndefined();
      await log.appendFeedback({ predictionId: record(2).id, at: record(2).at, label: 'Adelie' });
      await expect(joined()).rejects.toMatchObject({
        code: 'INPUT_TOO_LARGE',
        details: { field: 'maxJoin' },
      });
    });

    it('says which server it cannot reach', async () => {
      await expect(openPredictionLog('nats://127.0.0.1:1/x')).rejects.toThrow(
        /nats:\/\/127\.0\.0\.1:1\/x: cannot connect to NATS/,
      );
    });
  });
}
