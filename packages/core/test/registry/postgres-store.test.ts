import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresRegistry } from '../../src/registry/index.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { registryContract } from '../support/registry-contract.js';

if (SKIP_POSTGRES) {
  describe('RegistryStore contract: Postgres', () => {
    it.skip(`skipped: ${SKIP_POSTGRES}`, () => {});
  });
} else {
  const urls = new Map<string, string>();
  registryContract('Postgres', {
    open: async (clock) => {
      const url = await freshPostgresSchema();
      const store = await openPostgresRegistry(url, { now: clock.now });
      urls.set(store.location, url);
      return store;
    },
    tamperWithEvents: async (store) => {
      const client = new pg.Client({ connectionString: urls.get(store.location)! });
      await client.connect();
      try {
        await client.query("update events set actor = 'mallory'");
      } finally {
        await client.end();
      }
    },
  });
}
