import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { VigieError } from '../../errors/index.js';
import type { SqlEngine } from './database.js';

/**
 * The registry schema, as ordered migrations. Applied by `migrateRegistry` (an explicit step: the
 * openers call it on first use), under Kysely's migration lock so concurrent first runs are safe.
 */
function migrations(engine: SqlEngine): Record<string, Migration> {
  return {
    '0001-registry': {
      async up(db: Kysely<unknown>) {
        const big = engine === 'postgres' ? 'bigint' : 'integer';
        await db.schema
          .createTable('counters')
          .addColumn('scope', 'text', (c) => c.primaryKey())
          .addColumn('next', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('uri', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text')
          .addColumn('retrieved_at', 'text', (c) => c.notNull())
          .addColumn('owner', 'text')
          .addColumn('licence', 'text')
          .addColumn('personal_data', 'integer', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sources_uri').on('sources').column('uri').execute();
        for (const table of ['datasets', 'models'] as const) {
          let t = db.schema
            .createTable(table)
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('semver', 'text', (c) => c.notNull())
            .addColumn('semver_bump', 'text', (c) => c.notNull())
            .addColumn('semver_reason', 'text', (c) => c.notNull())
            .addColumn('size_bytes', big, (c) => c.notNull())
            .addColumn('description', 'text')
            .addColumn('created_by', 'text', (c) => c.notNull())
            .addColumn('created_at', 'text', (c) => c.notNull());
          if (table === 'datasets') {
            t = t
              .addColumn('content_hash', 'text', (c) => c.notNull())
              .addColumn('format', 'text', (c) => c.notNull())
              .addColumn('rows', big)
              .addColumn('schema_json', 'text', (c) => c.notNull())
              .addColumn('source_ids_json', 'text', (c) => c.notNull())
              .addColumn('parent_ids_json', 'text', (c) => c.notNull())
              .addColumn('transformations_json', 'text', (c) => c.notNull())
              .addColumn('splits_json', 'text', (c) => c.notNull());
          } else {
            t = t
              .addColumn('dataset_id', 'text')
              .addColumn('split_hashes_json', 'text', (c) => c.notNull())
              .addColumn('training_code_json', 'text', (c) => c.notNull())
              .addColumn('model_type', 'text', (c) => c.notNull())
              .addColumn('hyperparameters_json', 'text', (c) => c.notNull())
              .addColumn('search_json', 'text', (c) => c.notNull())
              .addColumn('metrics_json', 'text', (c) => c.notNull())
              .addColumn('signature_json', 'text', (c) => c.notNull())
              .addColumn('artifact_hash', 'text', (c) => c.notNull())
              .addColumn('artifact_format', 'text', (c) => c.notNull());
          }
          await t.addUniqueConstraint(`${table}_name_version`, ['name', 'version']).execute();
        }
        await db.schema
          .createTable('analyses')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('blob_hash', 'text')
          .addColumn('summary_json', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('analyses_subject').on('analyses').column('subject_id').execute();
        await db.schema
          .createTable('evaluations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('model_id', 'text', (c) => c.notNull())
          .addColumn('dataset_id', 'text')
          .addColumn('split', 'text')
          .addColumn('metrics_json', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('details_json', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('evaluations_model').on('evaluations').column('model_id').execute();
        await db.schema
          .createTable('releases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('candidate_id', 'text', (c) => c.notNull())
          .addColumn('baseline_id', 'text')
          .addColumn('spec_json', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('deployments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('model_id', 'text', (c) => c.notNull())
          .addColumn('release_id', 'text')
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('edges')
          .addColumn('from_id', 'text', (c) => c.notNull())
          .addColumn('to_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('edges_pk', ['from_id', 'to_id'])
          .execute();
        await db.schema.createIndex('edges_to').on('edges').columns(['to_id', 'from_id']).execute();
        await db.schema
          .createTable('events')
          .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
            engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text')
          .addColumn('alias_kind', 'text')
          .addColumn('alias_name', 'text')
          .addColumn('alias', 'text')
          .addColumn('alias_from', 'text')
          .addColumn('alias_to', 'text')
          .addColumn('reason', 'text')
          .addColumn('evidence_json', 'text', (c) => c.notNull())
          .addColumn('payload_json', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_subject').on('events').columns(['subject_id', 'seq']).execute();
        await db.schema
          .createIndex('events_alias')
          .on('events')
          .columns(['alias_kind', 'alias_name', 'alias', 'seq'])
          .execute();
        await appendOnly(db, engine);
        await db.schema
          .createTable('aliases')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('alias', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text')
          .addColumn('protected', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text')
          .addPrimaryKeyConstraint('aliases_pk', ['kind', 'name', 'alias'])
          .execute();
        await db.schema
          .createTable('alias_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('alias', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('requested_by', 'text', (c) => c.notNull())
          .addColumn('requested_at', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('decided_by', 'text')
          .addColumn('decided_at', 'text')
          .execute();
        await db.schema
          .createTable('tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('hash', 'text', (c) => c.notNull().unique())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
      },
    },
  };
}

/** The event log refuses updates and deletes at the database level, not only in our code. */
async function appendOnly(db: Kysely<unknown>, engine: SqlEngine): Promise<void> {
  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE'])
      await sql
        .raw(
          `CREATE TRIGGER events_no_${op.toLowerCase()} BEFORE ${op} ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
        )
        .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION vigie_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      'CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION vigie_events_append_only()',
    )
    .execute(db);
}

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrateRegistry(db: Kysely<unknown>, engine: SqlEngine): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(engine) };
  // On Postgres, name the schema: Kysely otherwise finds its tables in any schema of the database.
  const schema =
    engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'vigie_migrations',
    migrationLockTableName: 'vigie_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // SQLite has no migration lock across processes: when several open a new registry at once, the
  // losers fail on tables the winner created. Once it has committed, their retry finds nothing to do.
  for (
    let attempt = 0;
    error && engine === 'sqlite' && attempt < 5 && /already exists|SQLITE_BUSY/.test(String(error));
    attempt++
  ) {
    await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new VigieError(
      'INTERNAL',
      `registry schema migration ${failed} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
