import type { Kysely } from 'kysely';
import type { ReadinessPolicy } from '../readiness.js';

/** The registry's tables. JSON is stored as text and booleans as 0/1, the same on both engines. */
export interface Database {
  counters: { scope: string; next: number };
  sources: {
    id: string;
    uri: string;
    content_hash: string | null;
    retrieved_at: string;
    owner: string | null;
    licence: string | null;
    personal_data: number;
    created_by: string;
    created_at: string;
  };
  datasets: {
    id: string;
    name: string;
    version: number;
    semver: string;
    semver_bump: string;
    semver_reason: string;
    content_hash: string;
    format: string;
    size_bytes: number | string;
    rows: number | string | null;
    schema_json: string;
    source_ids_json: string;
    parent_ids_json: string;
    transformations_json: string;
    splits_json: string;
    description: string | null;
    created_by: string;
    created_at: string;
  };
  models: {
    id: string;
    name: string;
    version: number;
    semver: string;
    semver_bump: string;
    semver_reason: string;
    dataset_id: string | null;
    split_hashes_json: string;
    training_code_json: string;
    model_type: string;
    hyperparameters_json: string;
    search_json: string;
    metrics_json: string;
    signature_json: string;
    artifact_hash: string;
    artifact_format: string;
    size_bytes: number | string;
    description: string | null;
    created_by: string;
    created_at: string;
  };
  analyses: {
    id: string;
    subject_id: string;
    kind: string;
    status: string;
    blob_hash: string | null;
    summary_json: string;
    created_by: string;
    created_at: string;
  };
  evaluations: {
    id: string;
    model_id: string;
    dataset_id: string | null;
    split: string | null;
    metrics_json: string;
    status: string;
    details_json: string;
    created_by: string;
    created_at: string;
  };
  releases: {
    id: string;
    candidate_id: string;
    baseline_id: string | null;
    spec_json: string;
    status: string;
    created_by: string;
    created_at: string;
  };
  deployments: {
    id: string;
    model_id: string;
    release_id: string | null;
    target: string;
    status: string;
    created_by: string;
    created_at: string;
  };
  /** Lineage: data flows from `from_id` to `to_id` (source → dataset → model → deployment). */
  edges: { from_id: string; to_id: string };
  events: {
    seq: number | string;
    at: string;
    actor: string;
    type: string;
    subject_id: string | null;
    alias_kind: string | null;
    alias_name: string | null;
    alias: string | null;
    alias_from: string | null;
    alias_to: string | null;
    reason: string | null;
    evidence_json: string;
    payload_json: string;
  };
  aliases: {
    kind: string;
    name: string;
    alias: string;
    target_id: string | null;
    protected: number;
    updated_at: string | null;
  };
  alias_requests: {
    id: string;
    kind: string;
    name: string;
    alias: string;
    target_id: string;
    requested_by: string;
    requested_at: string;
    reason: string;
    status: string;
    decided_by: string | null;
    decided_at: string | null;
  };
  tokens: {
    id: string;
    name: string;
    hash: string;
    scopes: string;
    created_at: string;
    revoked_at: string | null;
  };
}

export type SqlEngine = 'sqlite' | 'postgres';

/** What every SQL operation needs: the connection, its engine, the rules and the clock. */
export interface SqlContext {
  db: Kysely<Database>;
  engine: SqlEngine;
  policy: ReadinessPolicy;
  now: () => Date;
}

export type Tx = Kysely<Database>;
