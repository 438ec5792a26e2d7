import { describe, it } from 'vitest';
import { openPredictionLog } from '../../src/monitor/index.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { predictionLogContract } from '../support/prediction-log-contract.js';

if (SKIP_POSTGRES) {
  describe('PredictionLog contract: Postgres', () => {
    it.skip(`skipped: ${SKIP_POSTGRES}`, () => {});
  });
} else {
  predictionLogContract('Postgres', async (options) =>
    openPredictionLog(await freshPostgresSchema(), options),
  );
}
