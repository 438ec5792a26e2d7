import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPredictionLog } from '../../src/monitor/index.js';
import { type NatsServer, SKIP_NATS, startNatsServer } from '../support/nats.js';
import { predictionLogContract } from '../support/prediction-log-contract.js';

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
}
