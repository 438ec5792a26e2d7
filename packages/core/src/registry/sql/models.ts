import type { ModelVersion } from '../entities.js';
import { checkName, parseRef, versionId } from '../refs.js';
import { decideSemver, type ModelLineage, modelBump, sameJson } from '../semver.js';
import type { Registered, RegisterModelInput } from '../store.js';
import type { SqlContext, Tx } from './database.js';
import { attachMissing, checkHash } from './datasets.js';
import { insertAnalyses } from './records.js';
import { findVersion, getVersion } from './resolve.js';
import { toDataset } from './rows.js';
import { addEdges, appendEvent, nextNumber, writeTransaction } from './transaction.js';

class Unchanged {
  constructor(readonly existing: ModelVersion) {}
}

/**
 * Registers a model version in one transaction, with the semver the policy derives from the
 * lineage diff with the newest version (or the override), the lineage edge from its training
 * dataset, its analyses and the event. An identical registration returns the newest version.
 */
export async function registerModel(
  ctx: SqlContext,
  input: RegisterModelInput,
): Promise<Registered<ModelVersion>> {
  checkName(input.name, 'model name');
  checkHash(input.artifactHash, 'artifactHash');
  try {
    return await writeTransaction(ctx, async (tx) => {
      const version = await nextNumber(tx, `model:${input.name}`);
      const previous = await findVersion(tx, 'model', { name: input.name, by: 'latest' });
      const dataset = input.dataset ? await getVersion(tx, 'dataset', parseRef(input.dataset)) : null;
      const at = ctx.now().toISOString();
      const fields = {
        datasetId: dataset?.id ?? null,
        splitHashes: input.splitHashes ?? {},
        trainingCode: input.trainingCode ?? null,
        modelType: input.modelType,
        hyperparameters: input.hyperparameters ?? {},
        search: input.search ?? null,
        metrics: input.metrics ?? {},
        signature: input.signature ?? null,
        artifactHash: input.artifactHash,
        artifactFormat: input.artifactFormat,
      };
      // The same artifact with the same lineage is the same model, whatever its search took or measured.
      const identity = ({ search: _s, metrics: _m, ...rest }: ReturnType<typeof pick>) => rest;
      if (previous && !input.semver && sameJson(identity(fields), identity(pick(previous))))
        throw new Unchanged(previous);
      const policy = previous
        ? modelBump(await lineageOf(tx, previous), {
            ...fields,
            inputs: fields.signature?.inputs ?? null,
            dataset,
          })
        : null;
      const { semver, decision } = decideSemver(previous?.semver ?? null, policy, input.semver);
      const id = versionId('model', input.name, version);
      const model: ModelVersion = {
        id,
        kind: 'model',
        name: input.name,
        version,
        semver,
        semverDecision: decision,
        ...fields,
        sizeBytes: input.sizeBytes,
        description: input.description ?? null,
        createdBy: input.by,
        createdAt: at,
      };
      await tx
        .insertInto('models')
        .values({
          id,
          name: input.name,
          version,
          semver,
          semver_bump: decision.bump,
          semver_reason: decision.reason,
          dataset_id: fields.datasetId,
          split_hashes_json: JSON.stringify(fields.splitHashes),
          training_code_json: JSON.stringify(fields.trainingCode),
          model_type: fields.modelType,
          hyperparameters_json: JSON.stringify(fields.hyperparameters),
          search_json: JSON.stringify(fields.search),
          metrics_json: JSON.stringify(fields.metrics),
          signature_json: JSON.stringify(fields.signature),
          artifact_hash: fields.artifactHash,
          artifact_format: fields.artifactFormat,
          size_bytes: input.sizeBytes,
          description: model.description,
          created_by: input.by,
          created_at: at,
        })
        .execute();
      if (dataset) await addEdges(tx, [{ from: dataset.id, to: id }]);
      const analyses = await insertAnalyses(tx, id, input.analyses ?? [], input.by, at);
      await appendEvent(tx, at, {
        actor: input.by,
        type: 'model.registered',
        subjectId: id,
        alias: null,
        reason: decision.reason,
        evidence: analyses.map((a) => a.id),
        payload: { semver, bump: decision.bump, artifactHash: input.artifactHash },
      });
      return { created: true, version: model, analyses };
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
    const analyses = await attachMissing(ctx, error.existing.id, input.analyses ?? [], input.by);
    return { created: false, version: error.existing, analyses };
  }
}

function pick(m: ModelVersion) {
  return {
    datasetId: m.datasetId,
    splitHashes: m.splitHashes,
    trainingCode: m.trainingCode,
    modelType: m.modelType,
    hyperparameters: m.hyperparameters,
    search: m.search,
    metrics: m.metrics,
    signature: m.signature,
    artifactHash: m.artifactHash,
    artifactFormat: m.artifactFormat,
  };
}

async function lineageOf(tx: Tx, m: ModelVersion): Promise<ModelLineage> {
  const row = m.datasetId
    ? await tx.selectFrom('datasets').selectAll().where('id', '=', m.datasetId).executeTakeFirst()
    : undefined;
  return {
    modelType: m.modelType,
    hyperparameters: m.hyperparameters,
    trainingCode: m.trainingCode,
    artifactHash: m.artifactHash,
    inputs: m.signature?.inputs ?? null,
    dataset: row ? toDataset(row) : null,
  };
}
