import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The Postgres server the tests use: VIGIE_TEST_POSTGRES_URL (`.ci/run` starts one from Debian's
 * packages and sets it). Without it, the Postgres suites are skipped and say so.
 */
export const POSTGRES_URL = process.env.VIGIE_TEST_POSTGRES_URL ?? '';
export const SKIP_POSTGRES = POSTGRES_URL === '' ? 'VIGIE_TEST_POSTGRES_URL is not set (see .ci/run)' : '';

/** A fresh schema on the test server, and the URL that makes it the default (search_path). */
export async function freshPostgresSchema(): Promise<string> {
  const schema = `vigie_test_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
