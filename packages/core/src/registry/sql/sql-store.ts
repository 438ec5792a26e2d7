import { type Kysely, sql } from 'kysely';
import { DEFAULT_READINESS_POLICY, type ReadinessPolicy } from '../readiness.js';
import { parseRef } from '../refs.js';
import type { RegistryStore } from '../store.js';
import type { TokenStore } from '../tokens.js';
import { aliasAt, approveAlias, listAliases, listAliasRequests, moveAlias, protectAlias } from './aliases.js';
import type { Database, SqlContext, SqlEngine } from './database.js';
import { registerDataset } from './datasets.js';
import { listEvents } from './events.js';
import { impact, lineage } from './lineage.js';
import { registerModel } from './models.js';
import { getDatasetReadiness, getModelReadiness, markDatasetReady } from './readiness-queries.js';
import {
  attachAnalysis,
  listAnalyses,
  listEvaluations,
  listSources,
  recordDeployment,
  recordEvaluation,
  recordRelease,
  recordReleaseEvent,
  requireRecord,
} from './records.js';
import { getVersion } from './resolve.js';
import { toDataset, toModel } from './rows.js';
import { createSqlTokenStore } from './tokens.js';

export interface SqlStoreOptions {
  db: Kysely<Database>;
  engine: SqlEngine;
  /** Shown to users (no password). */
  location: string;
  policy?: ReadinessPolicy;
  /** The clock; injectable so tests can travel in time. */
  now?: () => Date;
}

/** A registry over SQL, with the server's tokens kept in the same database. */
export interface SqlRegistryStore extends RegistryStore {
  readonly tokens: TokenStore;
}

/** A `RegistryStore` over Kysely: SQLite or Postgres, with the schema already migrated. */
export function createSqlRegistryStore(options: SqlStoreOptions): SqlRegistryStore {
  const ctx: SqlContext = {
    db: options.db,
    engine: options.engine,
    policy: options.policy ?? DEFAULT_READINESS_POLICY,
    now: options.now ?? (() => new Date()),
  };
  const listVersions = async (table: 'datasets' | 'models', name: string | undefined, limit: number) => {
    let q = ctx.db.selectFrom(table).selectAll();
    if (name !== undefined) q = q.where('name', '=', name).orderBy('version', 'desc');
    else
      q = q
        .where(
          sql<boolean>`version = (select max(newest.version) from ${sql.table(table)} newest where newest.name = ${sql.ref(`${table}.name`)})`,
        )
        .orderBy('name');
    return q.limit(limit).execute();
  };
  return {
    location: options.location,
    tokens: createSqlTokenStore(ctx),
    registerDataset: (input) => registerDataset(ctx, input),
    getDataset: (ref) => getVersion(ctx.db, 'dataset', ref),
    listDatasets: async (o = {}) =>
      (await listVersions('datasets', o.name, o.limit ?? 1000)).map((r) => toDataset(r as never)),
    registerModel: (input) => registerModel(ctx, input),
    getModel: (ref) => getVersion(ctx.db, 'model', ref),
    listModels: async (o = {}) =>
      (await listVersions('models', o.name, o.limit ?? 1000)).map((r) => toModel(r as never)),
    getSource: async (id) => (await requireRecord(ctx.db, id, ['source'])) as never,
    listSources: (filter) => listSources(ctx, filter),
    attachAnalysis: (subjectId, input) => attachAnalysis(ctx, subjectId, input),
    listAnalyses: (subjectId) => listAnalyses(ctx, subjectId),
    datasetReadiness: (ref) => getDatasetReadiness(ctx, ref),
    markDatasetReady: (ref, input) => markDatasetReady(ctx, ref, input),
    modelReadiness: (ref) => getModelReadiness(ctx, ref),
    recordEvaluation: (input) => recordEvaluation(ctx, input),
    listEvaluations: (modelId) => listEvaluations(ctx, modelId),
    recordRelease: (input) => recordRelease(ctx, input),
    recordReleaseEvent: (input) => recordReleaseEvent(ctx, input),
    recordDeployment: (input) => recordDeployment(ctx, input),
    getRecord: async (id) => {
      if (/^(dataset|model):/.test(id)) {
        const kind = id.startsWith('dataset:') ? 'dataset' : 'model';
        return getVersion(ctx.db, kind, parseRef(id));
      }
      return requireRecord(ctx.db, id, ['source', 'evaluation', 'release', 'deployment']);
    },
    moveAlias: (input) => moveAlias(ctx, input),
    approveAlias: (id, input) => approveAlias(ctx, id, input),
    protectAlias: (input) => protectAlias(ctx, input),
    listAliases: (kind, name) => listAliases(ctx, kind, name),
    listAliasRequests: (filter) => listAliasRequests(ctx, filter),
    aliasAt: (target, at) => aliasAt(ctx, target, at),
    events: (filter) => listEvents(ctx, filter),
    lineage: (id, direction) => lineage(ctx, id, direction),
    impact: (what) => impact(ctx, what),
    async [Symbol.asyncDispose]() {
      await ctx.db.destroy();
    },
  };
}
