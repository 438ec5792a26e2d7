import type { Selectable } from 'kysely';
import type { VerdictStatus } from '../../verdict/index.js';
import type {
  AliasRequest,
  AliasState,
  Analysis,
  DatasetVersion,
  Deployment,
  Evaluation,
  ModelVersion,
  RegistryEvent,
  Release,
  SemverDecision,
  Source,
} from '../entities.js';
import type { Database } from './database.js';

type Row<T extends keyof Database> = Selectable<Database[T]>;

const json = <T>(text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T));
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function decision(bump: string, reason: string): SemverDecision {
  return { bump: bump as SemverDecision['bump'], reason };
}

export function toDataset(r: Row<'datasets'>): DatasetVersion {
  return {
    id: r.id,
    kind: 'dataset',
    name: r.name,
    version: Number(r.version),
    semver: r.semver,
    semverDecision: decision(r.semver_bump, r.semver_reason),
    contentHash: r.content_hash,
    format: r.format,
    sizeBytes: Number(r.size_bytes),
    rows: num(r.rows),
    schema: json(r.schema_json),
    sourceIds: json(r.source_ids_json),
    parentIds: json(r.parent_ids_json),
    transformations: json(r.transformations_json),
    splits: json(r.splits_json),
    description: r.description,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toModel(r: Row<'models'>): ModelVersion {
  return {
    id: r.id,
    kind: 'model',
    name: r.name,
    version: Number(r.version),
    semver: r.semver,
    semverDecision: decision(r.semver_bump, r.semver_reason),
    datasetId: r.dataset_id,
    splitHashes: json(r.split_hashes_json),
    trainingCode: json(r.training_code_json),
    modelType: r.model_type,
    hyperparameters: json(r.hyperparameters_json),
    search: json(r.search_json),
    metrics: json(r.metrics_json),
    signature: json(r.signature_json),
    artifactHash: r.artifact_hash,
    artifactFormat: r.artifact_format,
    sizeBytes: Number(r.size_bytes),
    description: r.description,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toSource(r: Row<'sources'>): Source {
  return {
    id: r.id,
    uri: r.uri,
    contentHash: r.content_hash,
    retrievedAt: r.retrieved_at,
    owner: r.owner,
    licence: r.licence,
    personalData: Number(r.personal_data) === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toAnalysis(r: Row<'analyses'>): Analysis {
  return {
    id: r.id,
    subjectId: r.subject_id,
    kind: r.kind,
    status: r.status as VerdictStatus,
    blobHash: r.blob_hash,
    summary: json(r.summary_json),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toEvaluation(r: Row<'evaluations'>): Evaluation {
  return {
    id: r.id,
    kind: 'evaluation',
    modelId: r.model_id,
    datasetId: r.dataset_id,
    split: r.split,
    metrics: json(r.metrics_json),
    status: r.status as VerdictStatus,
    details: json(r.details_json),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toRelease(r: Row<'releases'>): Release {
  return {
    id: r.id,
    kind: 'release',
    candidateId: r.candidate_id,
    baselineId: r.baseline_id,
    spec: json(r.spec_json),
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toDeployment(r: Row<'deployments'>): Deployment {
  return {
    id: r.id,
    kind: 'deployment',
    modelId: r.model_id,
    releaseId: r.release_id,
    target: r.target,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function toEvent(r: Row<'events'>): RegistryEvent {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    type: r.type,
    subjectId: r.subject_id,
    alias:
      r.alias_kind === null
        ? null
        : {
            kind: r.alias_kind as 'dataset' | 'model',
            name: r.alias_name ?? '',
            alias: r.alias ?? '',
            from: r.alias_from,
            to: r.alias_to,
          },
    reason: r.reason,
    evidence: json(r.evidence_json),
    payload: json(r.payload_json),
  };
}

export function toAlias(r: Row<'aliases'>): AliasState {
  return {
    kind: r.kind as 'dataset' | 'model',
    name: r.name,
    alias: r.alias,
    targetId: r.target_id,
    protected: Number(r.protected) === 1,
    updatedAt: r.updated_at,
  };
}

export function toAliasRequest(r: Row<'alias_requests'>): AliasRequest {
  return {
    id: r.id,
    kind: r.kind as 'dataset' | 'model',
    name: r.name,
    alias: r.alias,
    targetId: r.target_id,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    reason: r.reason,
    status: r.status as AliasRequest['status'],
  };
}
