import { VigieError } from '../../errors/index.js';
import { VERDICT_STATUSES } from '../../verdict/index.js';
import type {
  Analysis,
  DatasetVersion,
  Deployment,
  Evaluation,
  ModelVersion,
  RegistryEvent,
  Release,
  Source,
} from '../entities.js';
import { parseRef } from '../refs.js';
import { canonicalJson } from '../semver.js';
import type {
  AnalysisInput,
  By,
  RecordDeploymentInput,
  RecordEvaluationInput,
  RecordReleaseEventInput,
  RecordReleaseInput,
} from '../store.js';
import type { SqlContext, Tx } from './database.js';
import { getVersion } from './resolve.js';
import { toAnalysis, toDataset, toDeployment, toEvaluation, toModel, toRelease, toSource } from './rows.js';
import { addEdges, appendEvent, nextNumber, writeTransaction } from './transaction.js';

export async function insertAnalyses(
  tx: Tx,
  subjectId: string,
  inputs: AnalysisInput[],
  by: string,
  at: string,
): Promise<Analysis[]> {
  const out: Analysis[] = [];
  for (const a of inputs) {
    if (!VERDICT_STATUSES.includes(a.status))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `analysis status must be one of ${VERDICT_STATUSES.join(', ')}`,
        {
          details: { field: 'status' },
        },
      );
    const id = `analysis:${await nextNumber(tx, 'analysis')}`;
    const row = {
      id,
      subject_id: subjectId,
      kind: a.kind,
      status: a.status,
      blob_hash: a.blobHash,
      summary_json: canonicalJson(a.summary ?? {}),
      created_by: by,
      created_at: at,
    };
    await tx.insertInto('analyses').values(row).execute();
    out.push(toAnalysis(row));
  }
  return out;
}

export async function attachAnalysis(
  ctx: SqlContext,
  subjectId: string,
  input: AnalysisInput & By,
): Promise<Analysis> {
  return writeTransaction(ctx, async (tx) => {
    await requireRecord(tx, subjectId, ['dataset', 'model', 'release']);
    const at = ctx.now().toISOString();
    const [analysis] = await insertAnalyses(tx, subjectId, [input], input.by, at);
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'analysis.attached',
      subjectId,
      alias: null,
      reason: null,
      evidence: [analysis!.id],
      payload: { kind: input.kind, status: input.status },
    });
    return analysis!;
  });
}

export async function listAnalyses(ctx: SqlContext, subjectId: string): Promise<Analysis[]> {
  const rows = await ctx.db.selectFrom('analyses').selectAll().where('subject_id', '=', subjectId).execute();
  return rows
    .map(toAnalysis)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || idNumber(a.id) - idNumber(b.id));
}

function idNumber(id: string): number {
  return Number(id.slice(id.indexOf(':') + 1));
}

export async function recordEvaluation(ctx: SqlContext, input: RecordEvaluationInput): Promise<Evaluation> {
  return writeTransaction(ctx, async (tx) => {
    const model = await getVersion(tx, 'model', parseRef(input.model));
    const dataset = input.dataset ? await getVersion(tx, 'dataset', parseRef(input.dataset)) : null;
    const at = ctx.now().toISOString();
    const row = {
      id: `evaluation:${await nextNumber(tx, 'evaluation')}`,
      model_id: model.id,
      dataset_id: dataset?.id ?? null,
      split: input.split ?? null,
      metrics_json: JSON.stringify(input.metrics),
      status: input.status,
      details_json: JSON.stringify(input.details ?? {}),
      created_by: input.by,
      created_at: at,
    };
    await tx.insertInto('evaluations').values(row).execute();
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'evaluation.recorded',
      subjectId: model.id,
      alias: null,
      reason: null,
      evidence: [row.id],
      payload: { split: row.split, status: row.status },
    });
    return toEvaluation(row);
  });
}

export async function listEvaluations(ctx: SqlContext, modelId: string): Promise<Evaluation[]> {
  const rows = await ctx.db.selectFrom('evaluations').selectAll().where('model_id', '=', modelId).execute();
  return rows.map(toEvaluation).sort((a, b) => idNumber(a.id) - idNumber(b.id));
}

export async function recordRelease(ctx: SqlContext, input: RecordReleaseInput): Promise<Release> {
  return writeTransaction(ctx, async (tx) => {
    const candidate = await getVersion(tx, 'model', parseRef(input.candidate));
    const baseline = input.baseline ? await getVersion(tx, 'model', parseRef(input.baseline)) : null;
    const at = ctx.now().toISOString();
    const row = {
      id: `release:${await nextNumber(tx, 'release')}`,
      candidate_id: candidate.id,
      baseline_id: baseline?.id ?? null,
      spec_json: JSON.stringify(input.spec),
      status: input.status,
      created_by: input.by,
      created_at: at,
    };
    await tx.insertInto('releases').values(row).execute();
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'release.recorded',
      subjectId: candidate.id,
      alias: null,
      reason: null,
      evidence: [row.id],
      payload: { status: row.status, baseline: row.baseline_id },
    });
    return toRelease(row);
  });
}

const RELEASE_EVENT = /^release\.[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

/** Appends a `release.*` event to an existing release and sets its status when one is given. */
export async function recordReleaseEvent(
  ctx: SqlContext,
  input: RecordReleaseEventInput,
): Promise<RegistryEvent> {
  if (!RELEASE_EVENT.test(input.type))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `a release event type is "release." and a lower-case name (e.g. release.step-passed), got "${input.type.slice(0, 60)}"`,
      { details: { field: 'type' } },
    );
  return writeTransaction(ctx, async (tx) => {
    const release = (await requireRecord(tx, input.release, ['release'])) as Release;
    const at = ctx.now().toISOString();
    if (input.status !== undefined && input.status !== release.status)
      await tx.updateTable('releases').set({ status: input.status }).where('id', '=', release.id).execute();
    return appendEvent(tx, at, {
      actor: input.by,
      type: input.type,
      subjectId: release.id,
      alias: null,
      reason: input.reason ?? null,
      evidence: input.evidence ?? [],
      payload: { ...(input.payload ?? {}), status: input.status ?? release.status },
    });
  });
}

export async function recordDeployment(ctx: SqlContext, input: RecordDeploymentInput): Promise<Deployment> {
  return writeTransaction(ctx, async (tx) => {
    const model = await getVersion(tx, 'model', parseRef(input.model));
    if (input.release) await requireRecord(tx, input.release, ['release']);
    const at = ctx.now().toISOString();
    const row = {
      id: `deployment:${await nextNumber(tx, 'deployment')}`,
      model_id: model.id,
      release_id: input.release ?? null,
      target: input.target,
      status: input.status,
      created_by: input.by,
      created_at: at,
    };
    await tx.insertInto('deployments').values(row).execute();
    await addEdges(tx, [{ from: model.id, to: row.id }]);
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'deployment.recorded',
      subjectId: model.id,
      alias: null,
      reason: null,
      evidence: [row.id],
      payload: { target: row.target, status: row.status, release: row.release_id },
    });
    return toDeployment(row);
  });
}

type AnyRecord = DatasetVersion | ModelVersion | Source | Evaluation | Release | Deployment;

/** Any record by its id (`dataset:penguins@3`, `source:...`, `evaluation:12`). */
export async function findRecord(tx: Tx, id: string): Promise<AnyRecord | null> {
  const kind = id.slice(0, Math.max(0, id.indexOf(':')));
  switch (kind) {
    case 'dataset': {
      const r = await tx.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDataset(r) : null;
    }
    case 'model': {
      const r = await tx.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toModel(r) : null;
    }
    case 'source': {
      const r = await tx.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSource(r) : null;
    }
    case 'evaluation': {
      const r = await tx.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toEvaluation(r) : null;
    }
    case 'release': {
      const r = await tx.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRelease(r) : null;
    }
    case 'deployment': {
      const r = await tx.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDeployment(r) : null;
    }
    default:
      return null;
  }
}

export async function requireRecord(tx: Tx, id: string, kinds: string[]): Promise<AnyRecord> {
  const record = await findRecord(tx, id);
  if (!record || !kinds.some((k) => id.startsWith(`${k}:`)))
    throw new VigieError('NOT_FOUND', `no ${kinds.join(' or ')} with id "${id}"`, { details: { ref: id } });
  return record;
}

export async function listSources(
  ctx: SqlContext,
  filter: { uri?: string; personalData?: boolean } = {},
): Promise<Source[]> {
  let q = ctx.db.selectFrom('sources').selectAll();
  if (filter.uri !== undefined) q = q.where('uri', '=', filter.uri);
  if (filter.personalData !== undefined) q = q.where('personal_data', '=', filter.personalData ? 1 : 0);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map(toSource);
}
