import type { VerdictStatus } from '../verdict/index.js';
import type {
  AliasRequest,
  AliasState,
  Analysis,
  CodeRef,
  DatasetVersion,
  Deployment,
  Evaluation,
  MetricValue,
  ModelSignatureRecord,
  ModelVersion,
  RegistryEvent,
  Release,
  SchemaField,
  Source,
  SplitRecord,
  TransformationRecord,
} from './entities.js';
import type { Readiness } from './readiness.js';
import type { VersionedKind, VersionRef } from './refs.js';
import type { SemverOverride } from './semver.js';

/** Every write names who does it; the server replaces it with the authenticated token's name. */
export interface By {
  by: string;
}

export interface SourceInput {
  uri: string;
  contentHash: string | null;
  retrievedAt?: string;
  owner?: string | null;
  licence?: string | null;
  personalData?: boolean;
}

export interface AnalysisInput {
  kind: string;
  status: VerdictStatus;
  blobHash: string | null;
  summary?: Record<string, unknown>;
}

export interface RegisterDatasetInput extends By {
  name: string;
  contentHash: string;
  format: string;
  sizeBytes: number;
  rows: number | null;
  schema: SchemaField[];
  sources?: SourceInput[];
  /** References of the dataset versions it derives from (`raw@3`). */
  parents?: string[];
  transformations?: TransformationRecord[];
  splits?: SplitRecord[];
  /** Analyses attached in the same transaction (profile, check report, split validation). */
  analyses?: AnalysisInput[];
  description?: string | null;
  semver?: SemverOverride;
}

export interface RegisterModelInput extends By {
  name: string;
  /** Reference of the dataset version it was trained on (`penguins@3`). */
  dataset?: string | null;
  splitHashes?: Record<string, string>;
  trainingCode?: CodeRef | null;
  modelType: string;
  hyperparameters?: Record<string, unknown>;
  search?: Record<string, unknown> | null;
  metrics?: Record<string, Record<string, MetricValue>>;
  signature?: ModelSignatureRecord | null;
  artifactHash: string;
  artifactFormat: string;
  sizeBytes: number;
  analyses?: AnalysisInput[];
  description?: string | null;
  semver?: SemverOverride;
}

/** A registration: the version, and whether it is new (an identical one is returned as is). */
export interface Registered<T> {
  created: boolean;
  version: T;
  analyses: Analysis[];
}

export interface RecordEvaluationInput extends By {
  model: string;
  dataset?: string | null;
  split?: string | null;
  metrics: Record<string, MetricValue>;
  status: VerdictStatus;
  details?: Record<string, unknown>;
}

export interface RecordReleaseInput extends By {
  candidate: string;
  baseline?: string | null;
  spec: Record<string, unknown>;
  status: string;
}

/** A decision or step of a running release, appended to the event log (type `release.*`). */
export interface RecordReleaseEventInput extends By {
  /** The release id, e.g. `release:4`. */
  release: string;
  /** `release.` and what happened, e.g. `release.shadow-started`, `release.step-passed`, `release.rolled-back`. */
  type: string;
  /** The release's status after the event (e.g. `canary`, `held`, `promoted`, `rolled-back`); unchanged when omitted. */
  status?: string;
  reason?: string | null;
  /** Ids of the records that justify it: analyses attached to the release (`attachAnalysis(releaseId, ...)`). */
  evidence?: string[];
  payload?: Record<string, unknown>;
}

export interface RecordDeploymentInput extends By {
  model: string;
  release?: string | null;
  target: string;
  status: string;
}

export interface AliasTarget {
  kind: VersionedKind;
  name: string;
  alias: string;
}

export interface MoveAliasInput extends AliasTarget, By {
  /** The version to point at (a reference such as `3`, `1.2.0`, `latest` or another alias). */
  to: string;
  reason?: string | null;
  /** Ids of the records that justify the move. */
  evidence?: string[];
  /** How the move is logged: a plain set, a promotion or a rollback. */
  action?: 'set' | 'promote' | 'rollback';
}

export type AliasMove =
  | { status: 'moved'; event: RegistryEvent; alias: AliasState }
  | { status: 'pending'; request: AliasRequest };

export interface EventFilter {
  subjectId?: string;
  type?: string;
  alias?: Partial<AliasTarget>;
  until?: string;
  afterSeq?: number;
  limit?: number;
}

export interface LineageNode {
  id: string;
  kind: string;
  ref: string;
}

export interface LineageGraph {
  root: LineageNode;
  direction: 'up' | 'down';
  nodes: LineageNode[];
  edges: Array<{ from: string; to: string }>;
}

export interface Impact {
  /** The source URI asked about, or "personal-data". */
  source: string;
  sources: Source[];
  affected: LineageNode[];
  edges: Array<{ from: string; to: string }>;
}

export interface ListOptions {
  name?: string;
  limit?: number;
}

/**
 * Registry metadata. Implemented over SQL (SQLite, Postgres) and over HTTP (a Vigie server), with
 * one contract suite for all. Bytes never go here: they live in a `BlobStore`, addressed by the
 * hashes recorded here. Every write is one transaction; versions are immutable.
 */
export interface RegistryStore extends AsyncDisposable {
  /** Where it is, with any password removed. */
  readonly location: string;

  registerDataset(input: RegisterDatasetInput): Promise<Registered<DatasetVersion>>;
  getDataset(ref: VersionRef): Promise<DatasetVersion>;
  /** Newest first; one name's versions, or the newest version of every name. */
  listDatasets(options?: ListOptions): Promise<DatasetVersion[]>;

  registerModel(input: RegisterModelInput): Promise<Registered<ModelVersion>>;
  getModel(ref: VersionRef): Promise<ModelVersion>;
  listModels(options?: ListOptions): Promise<ModelVersion[]>;

  getSource(id: string): Promise<Source>;
  listSources(filter?: { uri?: string; personalData?: boolean }): Promise<Source[]>;

  /** Attaches an analysis to a dataset version, a model version or a release. */
  attachAnalysis(subjectId: string, input: AnalysisInput & By): Promise<Analysis>;
  listAnalyses(subjectId: string): Promise<Analysis[]>;

  datasetReadiness(ref: VersionRef): Promise<Readiness>;
  /** Marks a dataset version ready for training; refused (REFUSED) with what is missing. */
  markDatasetReady(ref: VersionRef, input: By & { reason?: string | null }): Promise<RegistryEvent>;
  modelReadiness(ref: VersionRef): Promise<Readiness>;

  recordEvaluation(input: RecordEvaluationInput): Promise<Evaluation>;
  listEvaluations(modelId: string): Promise<Evaluation[]>;
  recordRelease(input: RecordReleaseInput): Promise<Release>;
  /** Appends a `release.*` event to a release (its decision, reason and evidence), updating its status. */
  recordReleaseEvent(input: RecordReleaseEventInput): Promise<RegistryEvent>;
  recordDeployment(input: RecordDeploymentInput): Promise<Deployment>;
  /** Any record by id: a dataset, model, source, evaluation, release or deployment. */
  getRecord(id: string): Promise<DatasetVersion | ModelVersion | Source | Evaluation | Release | Deployment>;

  /** Moves an alias; a protected alias answers `pending` until someone else approves. */
  moveAlias(input: MoveAliasInput): Promise<AliasMove>;
  approveAlias(requestId: string, input: By & { reason?: string | null }): Promise<AliasMove>;
  protectAlias(target: AliasTarget & By & { protect: boolean; reason?: string | null }): Promise<AliasState>;
  listAliases(kind: VersionedKind, name: string): Promise<AliasState[]>;
  listAliasRequests(filter?: { status?: AliasRequest['status'] }): Promise<AliasRequest[]>;
  /** What the alias pointed at, at a given time (ISO 8601): time travel over the event log. */
  aliasAt(target: AliasTarget, at: string): Promise<string | null>;

  /** The append-only log, oldest first. */
  events(filter?: EventFilter): Promise<RegistryEvent[]>;

  lineage(id: string, direction: 'up' | 'down'): Promise<LineageGraph>;
  /** What derives from a source URI (every retrieval of it), or from all personal data. */
  impact(what: { uri: string } | { personalData: true }): Promise<Impact>;
}
