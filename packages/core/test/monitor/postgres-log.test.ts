import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPredictionLog } from '../../src/monitor/index.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { predictionLogContract, record } from '../support/prediction-log-contract.js';

if (SKIP_POSTGRES) {
  describe('PredictionLog contract: Postgres', () => {
    it.skip(`skipped: ${SKIP_POSTGRES}`, () => {});
  });
} else {
  predictionLogContract('Postgres', async (options) =>
    openPredictionLog(await freshPostgresSchema(), options),
  );

  describe('Postgres prediction log', () => {
    it('survives a dropped connection, and rejects and counts a batch the server refuses', async () => {
      const url = await freshPostgresSchema();
      const tag = `vigie-log-${Date.now()}`;
      const named = new URL(url);
      named.searchParams.set('application_name', tag);
      await using log = await openPredictionLog(named.toString(), { postgres: { poolSize: 1 } });
      await log.append([record(1)]);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        // The pool replaces a connection the server closed.
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [tag],
        );
        await log.append([record(2)]);
        // A table that cannot be written: the batch is refused whole and counted.
        await admin.query('alter table vigie_predictions rename to vigie_predictions_away');
        await expect(log.append([record(3), record(4)])).rejects.toMatchObject({ code: 'INTERNAL' });
        await admin.query('alter table vigie_predictions_away rename to vigie_predictions');
      } finally {
        await admin.end();
      }
      await log.append([record(5)]);
      expect(log.health()).toMatchObject({ written: 3, failed: 2, queued: 0 });
      const ids: string[] = [];
      for await (const r of log.read()) ids.push(r.id);
      expect(ids).toEqual([1, 2, 5].map((i) => record(i).id));
    });
  });
}
