import { VigieError } from '../errors/index.js';
import type { DatasetVersion, SchemaField, SemverDecision, TransformationRecord } from './entities.js';
import { isSemver } from './refs.js';

export type Bump = 'major' | 'minor' | 'patch';

/** A semver chosen by the user instead of the policy: a bump or an exact version, with a reason. */
export interface SemverOverride {
  to: Bump | string;
  reason: string;
}

/** The parts of a dataset version the policy compares. */
export type DatasetLineage = Pick<DatasetVersion, 'schema' | 'transformations' | 'contentHash' | 'sourceIds'>;

/** The parts of a model version the policy compares, with the dataset it was trained on. */
export interface ModelLineage {
  modelType: string;
  hyperparameters: Record<string, unknown>;
  trainingCode: { gitCommit: string | null; command: string | null; path: string | null } | null;
  artifactHash: string;
  inputs: SchemaField[] | null;
  dataset: (DatasetLineage & { id: string }) | null;
}

/**
 * The semver policy (FEATURES R4), from the lineage diff with the previous version:
 * the feature pipeline changed (schema or transformations) → major; the model changed (type,
 * hyperparameters, training code) → minor; only the data changed → patch.
 */
export function datasetBump(previous: DatasetLineage, next: DatasetLineage): { bump: Bump; reason: string } {
  const pipeline = pipelineChanges(previous, next);
  if (pipeline.length > 0)
    return { bump: 'major', reason: `feature pipeline changed: ${pipeline.join('; ')}` };
  const data: string[] = [];
  if (previous.contentHash !== next.contentHash) data.push('content');
  if (!sameJson(previous.sourceIds, next.sourceIds)) data.push('sources');
  return {
    bump: 'patch',
    reason: data.length > 0 ? `data changed: ${data.join(', ')}` : 'no lineage change',
  };
}

export function modelBump(previous: ModelLineage, next: ModelLineage): { bump: Bump; reason: string } {
  const pipeline: string[] = [];
  if (previous.inputs && next.inputs && !sameJson(fieldList(previous.inputs), fieldList(next.inputs)))
    pipeline.push('input signature');
  if (previous.dataset && next.dataset) pipeline.push(...pipelineChanges(previous.dataset, next.dataset));
  if (pipeline.length > 0)
    return { bump: 'major', reason: `feature pipeline changed: ${pipeline.join('; ')}` };

  const model: string[] = [];
  if (previous.modelType !== next.modelType) model.push(`type ${previous.modelType} → ${next.modelType}`);
  const hp = changedKeys(previous.hyperparameters, next.hyperparameters);
  if (hp.length > 0) model.push(`hyperparameters (${hp.join(', ')})`);
  if (!sameJson(codeOf(previous), codeOf(next))) model.push('training code');
  if (model.length > 0) return { bump: 'minor', reason: `model changed: ${model.join('; ')}` };

  const data: string[] = [];
  if ((previous.dataset?.id ?? null) !== (next.dataset?.id ?? null)) data.push('training dataset version');
  if (previous.artifactHash !== next.artifactHash) data.push('artifact');
  return {
    bump: 'patch',
    reason: data.length > 0 ? `training data changed: ${data.join(', ')}` : 'no lineage change',
  };
}

function pipelineChanges(previous: DatasetLineage, next: DatasetLineage): string[] {
  const out: string[] = [];
  const before = new Map(previous.schema.map((f) => [f.name, f.type]));
  const after = new Map(next.schema.map((f) => [f.name, f.type]));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const retyped = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  if (added.length > 0) out.push(`columns added (${added.join(', ')})`);
  if (removed.length > 0) out.push(`columns removed (${removed.join(', ')})`);
  if (retyped.length > 0)
    out.push(`types changed (${retyped.map((k) => `${k}: ${before.get(k)} → ${after.get(k)}`).join(', ')})`);
  const steps = (t: TransformationRecord[]) => t.map((s) => ({ n: s.name, c: s.codeRef, p: s.parameters }));
  if (!sameJson(steps(previous.transformations), steps(next.transformations))) out.push('transformations');
  return out;
}

function codeOf(m: ModelLineage): unknown {
  const c = m.trainingCode;
  return c ? { g: c.gitCommit, c: c.command, p: c.path } : null;
}

function fieldList(fields: SchemaField[]): string[] {
  return fields.map((f) => `${f.name}:${f.type}`);
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !sameJson(a[k], b[k])).sort();
}

/** JSON equality with object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so equal values give equal text (and equal hashes). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : v,
  );
}

export function bumpSemver(semver: string, bump: Bump): string {
  const [major, minor, patch] = semver.split('.').map(Number) as [number, number, number];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

export function compareSemver(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

export const INITIAL_SEMVER = '1.0.0';

/**
 * The semver of a new version: the policy's bump of the previous one, or the override (which
 * must move forward and carry a reason).
 */
export function decideSemver(
  previousSemver: string | null,
  policy: { bump: Bump; reason: string } | null,
  override: SemverOverride | undefined,
): { semver: string; decision: SemverDecision } {
  if (override) {
    if (!override.reason.trim())
      throw new VigieError('INVALID_ARGUMENT', 'a semver override needs a reason (--reason)', {
        details: { field: 'reason' },
      });
    const to = override.to;
    let semver: string;
    if (to === 'major' || to === 'minor' || to === 'patch') {
      semver = previousSemver ? bumpSemver(previousSemver, to) : INITIAL_SEMVER;
    } else if (isSemver(to)) {
      semver = to;
    } else {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `"${to}" is not a semver bump (major, minor, patch) or version (1.2.3)`,
        {
          details: { field: 'semver' },
        },
      );
    }
    if (previousSemver && compareSemver(semver, previousSemver) <= 0)
      throw new VigieError(
        'CONFLICT',
        `semver ${semver} is not after the previous version's ${previousSemver}`,
        {
          details: { field: 'semver' },
        },
      );
    const policyNote = policy ? ` (policy said ${policy.bump}: ${policy.reason})` : '';
    return { semver, decision: { bump: 'override', reason: `${override.reason}${policyNote}` } };
  }
  if (!previousSemver || !policy)
    return { semver: INITIAL_SEMVER, decision: { bump: 'initial', reason: 'first version' } };
  return {
    semver: bumpSemver(previousSemver, policy.bump),
    decision: { bump: policy.bump, reason: policy.reason },
  };
}
