import { VigieError } from '../../errors/index.js';
import type { Analysis, DatasetVersion } from '../entities.js';
import { checkName, sourceId, versionId } from '../refs.js';
import { canonicalJson, datasetBump, decideSemver, sameJson } from '../semver.js';
import type { AnalysisInput, RegisterDatasetInput, Registered, SourceInput } from '../store.js';
import type { SqlContext, Tx } from './database.js';
import { insertAnalyses } from './records.js';
import { findVersion, resolveIds } from './resolve.js';
import { addEdges, appendEvent, nextNumber, writeTransaction } from './transaction.js';

/** Thrown inside a registration to roll it back when the newest version is identical. */
class Unchanged {
  constructor(readonly existing: DatasetVersion) {}
}

/**
 * Registers a dataset version in one transaction: its number and semver, its sources, lineage
 * edges, analyses and the event. Registering what the newest version already is returns that
 * version (`created: false`) and attaches only the analyses it does not have yet.
 */
export async function registerDataset(
  ctx: SqlContext,
  input: RegisterDatasetInput,
): Promise<Registered<DatasetVersion>> {
  checkName(input.name, 'dataset name');
  checkHash(input.contentHash, 'contentHash');
  try {
    return await writeTransaction(ctx, async (tx) => {
      const version = await nextNumber(tx, `dataset:${input.name}`);
      const previous = await findVersion(tx, 'dataset', { name: input.name, by: 'latest' });
      const at = ctx.now().toISOString();
      const sourceIds = await upsertSources(tx, input.sources ?? [], input.by, at);
      const parentIds = await resolveIds(tx, 'dataset', input.parents ?? []);
      const lineage = {
        schema: input.schema,
        transformations: input.transformations ?? [],
        contentHash: input.contentHash,
        sourceIds,
      };
      const splits = input.splits ?? [];
      if (
        previous &&
        !input.semver &&
        sameJson(
          { ...lineage, parentIds, splits, format: input.format },
          {
            schema: previous.schema,
            transformations: previous.transformations,
            contentHash: previous.contentHash,
            sourceIds: previous.sourceIds,
            parentIds: previous.parentIds,
            splits: previous.splits,
            format: previous.format,
          },
        )
      )
        throw new Unchanged(previous);
      const { semver, decision } = decideSemver(
        previous?.semver ?? null,
        previous ? datasetBump(previous, lineage) : null,
        input.semver,
      );
      const id = versionId('dataset', input.name, version);
      const dataset: DatasetVersion = {
        id,
        kind: 'dataset',
        name: input.name,
        version,
        semver,
        semverDecision: decision,
        contentHash: input.contentHash,
        format: input.format,
        sizeBytes: input.sizeBytes,
        rows: input.rows,
        schema: input.schema,
        sourceIds,
        parentIds,
        transformations: lineage.transformations,
        splits,
        description: input.description ?? null,
        createdBy: input.by,
        createdAt: at,
      };
      await tx
        .insertInto('datasets')
        .values({
          id,
          name: input.name,
          version,
          semver,
          semver_bump: decision.bump,
          semver_reason: decision.reason,
          content_hash: input.contentHash,
          format: input.format,
          size_bytes: input.sizeBytes,
          rows: input.rows,
          schema_json: JSON.stringify(input.schema),
          source_ids_json: JSON.stringify(sourceIds),
          parent_ids_json: JSON.stringify(parentIds),
          transformations_json: JSON.stringify(dataset.transformations),
          splits_json: JSON.stringify(splits),
          description: dataset.description,
          created_by: input.by,
          created_at: at,
        })
        .execute();
      await addEdges(
        tx,
        [...sourceIds, ...parentIds].map((from) => ({ from, to: id })),
      );
      const analyses = await insertAnalyses(tx, id, input.analyses ?? [], input.by, at);
      await appendEvent(tx, at, {
        actor: input.by,
        type: 'dataset.registered',
        subjectId: id,
        alias: null,
        reason: decision.reason,
        evidence: analyses.map((a) => a.id),
        payload: { semver, bump: decision.bump, contentHash: input.contentHash },
      });
      return { created: true, version: dataset, analyses };
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
    const analyses = await attachMissing(ctx, error.existing.id, input.analyses ?? [], input.by);
    return { created: false, version: error.existing, analyses };
  }
}

/** Attaches the analyses an unchanged version does not hold yet (same kind and artifact). */
export async function attachMissing(
  ctx: SqlContext,
  subjectId: string,
  inputs: AnalysisInput[],
  by: string,
): Promise<Analysis[]> {
  if (inputs.length === 0) return [];
  return writeTransaction(ctx, async (tx) => {
    const existing = await tx
      .selectFrom('analyses')
      .select(['kind', 'blob_hash', 'status', 'summary_json'])
      .where('subject_id', '=', subjectId)
      .execute();
    // The same outcome re-run (a report differs only by its time) is not attached again.
    const same = (e: (typeof existing)[number], a: AnalysisInput) =>
      e.kind === a.kind &&
      e.status === a.status &&
      (e.blob_hash === a.blobHash || e.summary_json === canonicalJson(a.summary ?? {}));
    const fresh = inputs.filter((a) => !existing.some((e) => same(e, a)));
    return insertAnalyses(tx, subjectId, fresh, by, ctx.now().toISOString());
  });
}

async function upsertSources(tx: Tx, sources: SourceInput[], by: string, at: string): Promise<string[]> {
  const ids: string[] = [];
  for (const s of sources) {
    if (!s.uri.trim())
      throw new VigieError('INVALID_ARGUMENT', 'a source needs a URI', { details: { field: 'uri' } });
    if (s.contentHash !== null) checkHash(s.contentHash, 'source contentHash');
    const id = sourceId(s.uri, s.contentHash);
    await tx
      .insertInto('sources')
      .values({
        id,
        uri: s.uri,
        content_hash: s.contentHash,
        retrieved_at: s.retrievedAt ?? at,
        owner: s.owner ?? null,
        licence: s.licence ?? null,
        personal_data: s.personalData ? 1 : 0,
        created_by: by,
        created_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function checkHash(hash: string, field: string): void {
  if (!/^[0-9a-f]{64}$/.test(hash))
    throw new VigieError('INVALID_ARGUMENT', `${field} must be a SHA-256 in lowercase hex, got "${hash}"`, {
      details: { field },
    });
}
