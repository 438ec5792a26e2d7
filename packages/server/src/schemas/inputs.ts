import { z } from 'zod';
import {
  CodeRef,
  MetricValue,
  SchemaField,
  Signature,
  SplitRecord,
  TransformationRecord,
  VerdictStatus,
} from './entities.js';

// Request bodies. Objects are strict: a misspelt field is a 400 naming it, not silently dropped.
// Names, references and hashes are checked by the registry itself, so that a bad one gets the same
// one-line message from a server as from a local registry.

const json = z.record(z.string(), z.unknown());
const by = {
  by: z.string().optional().describe('ignored: the server records the name of the token as the actor'),
};
const size = z.number().int().nonnegative();
const nullableText = z.string().nullable().optional();

export const SourceInput = z.strictObject({
  uri: z.string(),
  contentHash: z.string().nullable(),
  retrievedAt: z.string().optional(),
  owner: nullableText,
  licence: nullableText,
  personalData: z.boolean().optional(),
});

export const AnalysisInput = z.strictObject({
  kind: z.string().describe('profile, checks, split, gates, ...'),
  status: VerdictStatus,
  blobHash: z.string().nullable().describe('the stored report: it must be in the blob store'),
  summary: json.optional(),
});

export const SemverOverride = z.strictObject({
  to: z.string().describe('major, minor, patch or an exact version such as 2.0.0'),
  reason: z.string(),
});

export const RegisterDatasetBody = z.strictObject({
  ...by,
  name: z.string(),
  contentHash: z.string().describe('SHA-256 of the bytes: they must be in the blob store first'),
  format: z.string(),
  sizeBytes: size,
  rows: size.nullable(),
  schema: z.array(SchemaField),
  sources: z.array(SourceInput).optional(),
  parents: z.array(z.string()).optional().describe('references of the parent versions, e.g. raw@3'),
  transformations: z.array(TransformationRecord).optional(),
  splits: z.array(SplitRecord).optional(),
  analyses: z.array(AnalysisInput).optional(),
  description: nullableText,
  semver: SemverOverride.optional(),
});

export const RegisterModelBody = z.strictObject({
  ...by,
  name: z.string(),
  dataset: nullableText.describe('reference of the training dataset version, e.g. penguins@3'),
  splitHashes: z.record(z.string(), z.string()).optional(),
  trainingCode: CodeRef.nullable().optional(),
  modelType: z.string(),
  hyperparameters: json.optional(),
  search: json.nullable().optional(),
  metrics: z.record(z.string(), z.record(z.string(), MetricValue)).optional(),
  signature: Signature.nullable().optional(),
  artifactHash: z.string().describe('SHA-256 of the model file: it must be in the blob store first'),
  artifactFormat: z.string(),
  sizeBytes: size,
  analyses: z.array(AnalysisInput).optional(),
  description: nullableText,
  semver: SemverOverride.optional(),
});

export const AttachAnalysisBody = z.strictObject({
  ...by,
  subjectId: z.string().describe('the dataset or model version id, e.g. dataset:penguins@3'),
  ...AnalysisInput.shape,
});

export const ReasonBody = z.strictObject({ ...by, reason: nullableText });

export const RecordEvaluationBody = z.strictObject({
  ...by,
  model: z.string().describe('model reference, e.g. clf@2'),
  dataset: nullableText,
  split: nullableText,
  metrics: z.record(z.string(), MetricValue),
  status: VerdictStatus,
  details: json.optional(),
});

export const RecordReleaseBody = z.strictObject({
  ...by,
  candidate: z.string(),
  baseline: nullableText,
  spec: json,
  status: z.string(),
});

export const RecordReleaseEventBody = z.strictObject({
  ...by,
  type: z.string().describe('release. and what happened, e.g. release.step-passed'),
  status: z.string().optional().describe("the release's status after the event"),
  reason: nullableText,
  evidence: z.array(z.string()).optional().describe('ids of the analyses that justify it'),
  payload: json.optional(),
});

export const RecordDeploymentBody = z.strictObject({
  ...by,
  model: z.string(),
  release: nullableText.describe('a release id, e.g. release:4'),
  target: z.string(),
  status: z.string(),
});

export const MoveAliasBody = z.strictObject({
  ...by,
  to: z.string().describe('the version: 3, 1.2.0, latest or another alias'),
  reason: nullableText,
  evidence: z.array(z.string()).optional().describe('ids of the records that justify the move'),
  action: z.enum(['set', 'promote', 'rollback']).optional(),
});

export const ProtectAliasBody = z.strictObject({
  ...by,
  protect: z.boolean(),
  reason: nullableText,
});
