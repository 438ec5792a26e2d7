import type {
  AliasRequest as AliasRequestT,
  AliasState as AliasStateT,
  Analysis as AnalysisT,
  DatasetVersion as DatasetVersionT,
  Deployment as DeploymentT,
  Evaluation as EvaluationT,
  Impact as ImpactT,
  LineageGraph as LineageGraphT,
  ModelVersion as ModelVersionT,
  Readiness as ReadinessT,
  RegistryEvent as RegistryEventT,
  Release as ReleaseT,
  Source as SourceT,
} from '@vigie/core/registry';
import { z } from 'zod';

// The records the registry answers with. Each schema is checked against the core type it
// describes (`satisfies`), so the OpenAPI document cannot drift from what the store returns.

const json = z.record(z.string(), z.unknown());
const stamp = {
  createdBy: z.string().describe('the name of the token that wrote it'),
  createdAt: z.string().describe('ISO 8601, UTC'),
};
export const VerdictStatus = z.enum(['pass', 'warn', 'fail', 'inconclusive']);
export const SchemaField = z.strictObject({ name: z.string(), type: z.string() });
export const TransformationRecord = z.strictObject({
  name: z.string(),
  codeRef: z.string().nullable(),
  parameters: json,
  rowsIn: z.number().int().nonnegative().nullable(),
  rowsOut: z.number().int().nonnegative().nullable(),
});
export const SplitRecord = z.strictObject({
  name: z.string(),
  rows: z.number().int().nonnegative(),
  membershipHash: z.string(),
  blobHash: z.string().nullable().describe('the split file, when stored: it must be in the blob store'),
});
export const SemverDecision = z.object({
  bump: z.enum(['major', 'minor', 'patch', 'initial', 'override']),
  reason: z.string(),
});
export const MetricValue = z.strictObject({
  value: z.number(),
  ci: z.tuple([z.number(), z.number()]).nullable().optional(),
});
export const CodeRef = z.strictObject({
  gitCommit: z.string().nullable(),
  dirty: z.boolean().nullable(),
  path: z.string().nullable(),
  command: z.string().nullable(),
});
export const Signature = z.strictObject({
  task: z.enum(['classification', 'regression']).optional(),
  inputs: z.array(SchemaField),
  outputs: z.array(SchemaField),
  classes: z.array(z.union([z.string(), z.number()])).optional(),
});

export const Source = z.object({
  id: z.string(),
  uri: z.string(),
  contentHash: z.string().nullable(),
  retrievedAt: z.string(),
  owner: z.string().nullable(),
  licence: z.string().nullable(),
  personalData: z.boolean(),
  ...stamp,
}) satisfies z.ZodType<SourceT>;

export const DatasetVersion = z.object({
  id: z.string().describe('dataset:NAME@VERSION'),
  kind: z.literal('dataset'),
  name: z.string(),
  version: z.number().int(),
  semver: z.string(),
  semverDecision: SemverDecision,
  contentHash: z.string(),
  format: z.string(),
  sizeBytes: z.number().int(),
  rows: z.number().int().nullable(),
  schema: z.array(SchemaField),
  sourceIds: z.array(z.string()),
  parentIds: z.array(z.string()),
  transformations: z.array(TransformationRecord),
  splits: z.array(SplitRecord),
  description: z.string().nullable(),
  ...stamp,
}) satisfies z.ZodType<DatasetVersionT>;

export const ModelVersion = z.object({
  id: z.string().describe('model:NAME@VERSION'),
  kind: z.literal('model'),
  name: z.string(),
  version: z.number().int(),
  semver: z.string(),
  semverDecision: SemverDecision,
  datasetId: z.string().nullable(),
  splitHashes: z.record(z.string(), z.string()),
  trainingCode: CodeRef.nullable(),
  modelType: z.string(),
  hyperparameters: json,
  search: json.nullable(),
  metrics: z.record(z.string(), z.record(z.string(), MetricValue)),
  signature: Signature.nullable(),
  artifactHash: z.string(),
  artifactFormat: z.string(),
  sizeBytes: z.number().int(),
  description: z.string().nullable(),
  ...stamp,
}) satisfies z.ZodType<ModelVersionT>;

export const Analysis = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  status: VerdictStatus,
  blobHash: z.string().nullable(),
  summary: json,
  ...stamp,
}) satisfies z.ZodType<AnalysisT>;

export const Evaluation = z.object({
  id: z.string(),
  kind: z.literal('evaluation'),
  modelId: z.string(),
  datasetId: z.string().nullable(),
  split: z.string().nullable(),
  metrics: z.record(z.string(), MetricValue),
  status: VerdictStatus,
  details: json,
  ...stamp,
}) satisfies z.ZodType<EvaluationT>;

export const Release = z.object({
  id: z.string(),
  kind: z.literal('release'),
  candidateId: z.string(),
  baselineId: z.string().nullable(),
  spec: json,
  status: z.string(),
  ...stamp,
}) satisfies z.ZodType<ReleaseT>;

export const Deployment = z.object({
  id: z.string(),
  kind: z.literal('deployment'),
  modelId: z.string(),
  releaseId: z.string().nullable(),
  target: z.string(),
  status: z.string(),
  ...stamp,
}) satisfies z.ZodType<DeploymentT>;

export const AnyRecord = z.union([DatasetVersion, ModelVersion, Source, Evaluation, Release, Deployment]);

const VersionedKind = z.enum(['dataset', 'model']);

export const RegistryEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  type: z.string().describe('dataset.registered, alias.moved, alias.requested, ...'),
  subjectId: z.string().nullable(),
  alias: z
    .object({
      kind: VersionedKind,
      name: z.string(),
      alias: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    })
    .nullable(),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
  payload: json,
}) satisfies z.ZodType<RegistryEventT>;

export const AliasState = z.object({
  kind: VersionedKind,
  name: z.string(),
  alias: z.string(),
  targetId: z.string().nullable(),
  protected: z.boolean(),
  updatedAt: z.string().nullable(),
}) satisfies z.ZodType<AliasStateT>;

export const AliasRequest = z.object({
  id: z.string(),
  kind: VersionedKind,
  name: z.string(),
  alias: z.string(),
  targetId: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
}) satisfies z.ZodType<AliasRequestT>;

export const AliasMove = z.discriminatedUnion('status', [
  z.object({ status: z.literal('moved'), event: RegistryEvent, alias: AliasState }),
  z.object({ status: z.literal('pending'), request: AliasRequest }),
]);

export const Readiness = z.object({
  subjectId: z.string(),
  ready: z.boolean(),
  requirements: z.array(
    z.object({ name: z.string(), met: z.boolean(), detail: z.string(), evidence: z.array(z.string()) }),
  ),
}) satisfies z.ZodType<ReadinessT>;

const LineageNode = z.object({ id: z.string(), kind: z.string(), ref: z.string() });
const Edge = z.object({ from: z.string(), to: z.string() });

export const LineageGraph = z.object({
  root: LineageNode,
  direction: z.enum(['up', 'down']),
  nodes: z.array(LineageNode),
  edges: z.array(Edge),
}) satisfies z.ZodType<LineageGraphT>;

export const Impact = z.object({
  source: z.string().describe('the URI asked about, or "personal-data"'),
  sources: z.array(Source),
  affected: z.array(LineageNode),
  edges: z.array(Edge),
}) satisfies z.ZodType<ImpactT>;

export const RegisteredDataset = z.object({
  created: z.boolean().describe('false when the newest version was identical and is returned as is'),
  version: DatasetVersion,
  analyses: z.array(Analysis),
});

export const RegisteredModel = z.object({
  created: z.boolean().describe('false when the newest version was identical and is returned as is'),
  version: ModelVersion,
  analyses: z.array(Analysis),
});

export const AliasTargetAt = z.object({
  at: z.string(),
  targetId: z.string().nullable().describe('the version id the alias pointed at, or null'),
});

export const BlobRef = z.object({ hash: z.string(), size: z.number().int().nonnegative() });

export const Health = z.object({ status: z.literal('ok') });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('a stable Vigie error code: INVALID_ARGUMENT, NOT_FOUND, REFUSED, ...'),
    message: z.string().describe('one line, the same the library gives'),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
});

export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
