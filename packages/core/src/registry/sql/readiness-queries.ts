import { VigieError } from '../../errors/index.js';
import type { DatasetVersion, ModelVersion, RegistryEvent } from '../entities.js';
import { datasetReadiness, describeMissing, modelReadiness, type Readiness } from '../readiness.js';
import type { VersionRef } from '../refs.js';
import type { By } from '../store.js';
import type { SqlContext, Tx } from './database.js';
import { getVersion } from './resolve.js';
import { toAnalysis, toEvaluation } from './rows.js';
import { appendEvent, writeTransaction } from './transaction.js';

export async function readinessOfDataset(
  ctx: SqlContext,
  tx: Tx,
  dataset: DatasetVersion,
): Promise<Readiness> {
  const analyses = await tx.selectFrom('analyses').selectAll().where('subject_id', '=', dataset.id).execute();
  return datasetReadiness(dataset, analyses.map(toAnalysis), ctx.policy.dataset);
}

export async function readinessOfModel(ctx: SqlContext, tx: Tx, model: ModelVersion): Promise<Readiness> {
  const [analyses, evaluations] = await Promise.all([
    tx.selectFrom('analyses').selectAll().where('subject_id', '=', model.id).execute(),
    tx.selectFrom('evaluations').selectAll().where('model_id', '=', model.id).execute(),
  ]);
  return modelReadiness(model, analyses.map(toAnalysis), evaluations.map(toEvaluation), ctx.policy.model);
}

export async function getDatasetReadiness(ctx: SqlContext, ref: VersionRef): Promise<Readiness> {
  return readinessOfDataset(ctx, ctx.db, await getVersion(ctx.db, 'dataset', ref));
}

export async function getModelReadiness(ctx: SqlContext, ref: VersionRef): Promise<Readiness> {
  return readinessOfModel(ctx, ctx.db, await getVersion(ctx.db, 'model', ref));
}

/** Marks a dataset version ready for training, or refuses, listing exactly what is missing. */
export async function markDatasetReady(
  ctx: SqlContext,
  ref: VersionRef,
  input: By & { reason?: string | null },
): Promise<RegistryEvent> {
  return writeTransaction(ctx, async (tx) => {
    const dataset = await getVersion(tx, 'dataset', ref);
    const readiness = await readinessOfDataset(ctx, tx, dataset);
    if (!readiness.ready)
      throw new VigieError(
        'REFUSED',
        `${dataset.name}@${dataset.version} is not ready for training: ${describeMissing(readiness)}`,
        {
          details: { ref: dataset.id },
        },
      );
    return appendEvent(tx, ctx.now().toISOString(), {
      actor: input.by,
      type: 'dataset.ready',
      subjectId: dataset.id,
      alias: null,
      reason: input.reason ?? null,
      evidence: readiness.requirements.flatMap((r) => r.evidence),
      payload: { requirements: readiness.requirements.map((r) => r.name) },
    });
  });
}
