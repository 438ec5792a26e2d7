import type { VerdictStatus } from '../verdict/index.js';

/**
 * The registry's entities. Each is immutable once registered: a change is a new version. Ids are
 * readable and stable (`dataset:penguins@3`); see `entityId`.
 */
export type EntityKind = 'source' | 'dataset' | 'model' | 'evaluation' | 'release' | 'deployment';

/** Who did something, and when (ISO 8601, UTC, milliseconds). */
export interface Stamp {
  createdBy: string;
  createdAt: string;
}

/** Where data came from (FEATURES D1). One record per (uri, content hash). */
export interface Source extends Stamp {
  id: string;
  uri: string;
  /** SHA-256 of the content as retrieved, or null when the URI could not be hashed. */
  contentHash: string | null;
  retrievedAt: string;
  owner: string | null;
  licence: string | null;
  personalData: boolean;
}

/** One step that made a dataset: what ran, with which parameters, on how many rows. */
export interface TransformationRecord {
  name: string;
  /** Code that ran it: a git commit and path, a package version, or a command. */
  codeRef: string | null;
  parameters: Record<string, unknown>;
  rowsIn: number | null;
  rowsOut: number | null;
}

export interface SchemaField {
  name: string;
  type: string;
}

/** One split of a dataset version, by membership hash (and the file's bytes when stored). */
export interface SplitRecord {
  name: string;
  rows: number;
  membershipHash: string;
  blobHash: string | null;
}

/** How the semantic version was chosen: by policy from the lineage diff, or overridden. */
export interface SemverDecision {
  bump: 'major' | 'minor' | 'patch' | 'initial' | 'override';
  /** Why: the lineage differences that decided it, or the override's recorded reason. */
  reason: string;
}

export interface DatasetVersion extends Stamp {
  id: string;
  kind: 'dataset';
  name: string;
  version: number;
  semver: string;
  semverDecision: SemverDecision;
  /** SHA-256 of the stored bytes (the blob). */
  contentHash: string;
  format: string;
  sizeBytes: number;
  rows: number | null;
  schema: SchemaField[];
  sourceIds: string[];
  /** Ids of the dataset versions it was derived from, in order. */
  parentIds: string[];
  transformations: TransformationRecord[];
  splits: SplitRecord[];
  description: string | null;
}

/** The code that trained a model: a git commit with its dirty flag, and the command. */
export interface CodeRef {
  gitCommit: string | null;
  dirty: boolean | null;
  path: string | null;
  command: string | null;
}

/** What a model takes and gives (the model runtime's signature, as stored). */
export interface ModelSignatureRecord {
  task?: 'classification' | 'regression';
  inputs: SchemaField[];
  outputs: SchemaField[];
  /** Classification: the classes, in the order of the probability columns. */
  classes?: Array<string | number>;
}

export interface MetricValue {
  value: number;
  ci?: [number, number] | null;
}

export interface ModelVersion extends Stamp {
  id: string;
  kind: 'model';
  name: string;
  version: number;
  semver: string;
  semverDecision: SemverDecision;
  /** The dataset version it was trained on, and the membership hash of each split used. */
  datasetId: string | null;
  splitHashes: Record<string, string>;
  trainingCode: CodeRef | null;
  modelType: string;
  hyperparameters: Record<string, unknown>;
  /** The search that chose the hyperparameters (method, seed, trials), when there was one. */
  search: Record<string, unknown> | null;
  /** Metrics per split, e.g. `{ validation: { accuracy: { value: 0.91, ci: [0.88, 0.94] } } }`. */
  metrics: Record<string, Record<string, MetricValue>>;
  signature: ModelSignatureRecord | null;
  artifactHash: string;
  artifactFormat: string;
  sizeBytes: number;
  description: string | null;
}

/**
 * A stored analysis of a dataset or model version (profile, check report, split validation, gate
 * run): its outcome and the artifact, so it can be recomputed and compared (FEATURES D12).
 */
export interface Analysis extends Stamp {
  id: string;
  subjectId: string;
  kind: string;
  status: VerdictStatus;
  blobHash: string | null;
  summary: Record<string, unknown>;
}

/** One evaluation of a model version on data (the evaluation issue fills the metrics). */
export interface Evaluation extends Stamp {
  id: string;
  kind: 'evaluation';
  modelId: string;
  datasetId: string | null;
  split: string | null;
  metrics: Record<string, MetricValue>;
  status: VerdictStatus;
  details: Record<string, unknown>;
}

export interface Release extends Stamp {
  id: string;
  kind: 'release';
  candidateId: string;
  baselineId: string | null;
  spec: Record<string, unknown>;
  status: string;
}

export interface Deployment extends Stamp {
  id: string;
  kind: 'deployment';
  modelId: string;
  releaseId: string | null;
  target: string;
  status: string;
}

/** An entry of the append-only event log: alias moves, approvals, promotions, rollbacks, ... */
export interface RegistryEvent {
  seq: number;
  at: string;
  actor: string;
  type: string;
  subjectId: string | null;
  /** For alias events: `dataset:penguins` or `model:clf`, the alias and the targets. */
  alias: {
    kind: 'dataset' | 'model';
    name: string;
    alias: string;
    from: string | null;
    to: string | null;
  } | null;
  reason: string | null;
  /** Ids of the records that justify the event (evaluations, analyses, approvals). */
  evidence: string[];
  payload: Record<string, unknown>;
}

export interface AliasState {
  kind: 'dataset' | 'model';
  name: string;
  alias: string;
  targetId: string | null;
  protected: boolean;
  updatedAt: string | null;
}

/** A move of a protected alias waiting for someone else's approval. */
export interface AliasRequest {
  id: string;
  kind: 'dataset' | 'model';
  name: string;
  alias: string;
  targetId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
}
