import { VigieError } from '../../errors/index.js';
import type { DatasetVersion, ModelVersion } from '../entities.js';
import { formatRef, parseRef, type VersionedKind, type VersionRef } from '../refs.js';
import type { Tx } from './database.js';
import { toDataset, toModel } from './rows.js';

const TABLE = { dataset: 'datasets', model: 'models' } as const;

export async function findVersion(tx: Tx, kind: 'dataset', ref: VersionRef): Promise<DatasetVersion | null>;
export async function findVersion(tx: Tx, kind: 'model', ref: VersionRef): Promise<ModelVersion | null>;
export async function findVersion(
  tx: Tx,
  kind: VersionedKind,
  ref: VersionRef,
): Promise<DatasetVersion | ModelVersion | null>;
/** The version a reference points at, or null. */
export async function findVersion(
  tx: Tx,
  kind: VersionedKind,
  ref: VersionRef,
): Promise<DatasetVersion | ModelVersion | null> {
  const table = TABLE[kind];
  let query = tx.selectFrom(table).selectAll().where('name', '=', ref.name);
  switch (ref.by) {
    case 'latest':
      query = query.orderBy('version', 'desc').limit(1);
      break;
    case 'version':
      query = query.where('version', '=', ref.version);
      break;
    case 'semver':
      query = query.where('semver', '=', ref.semver).orderBy('version', 'desc').limit(1);
      break;
    case 'alias': {
      const alias = await tx
        .selectFrom('aliases')
        .select('target_id')
        .where('kind', '=', kind)
        .where('name', '=', ref.name)
        .where('alias', '=', ref.alias)
        .executeTakeFirst();
      if (!alias?.target_id) return null;
      query = query.where('id', '=', alias.target_id);
      break;
    }
  }
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return kind === 'dataset' ? toDataset(row as never) : toModel(row as never);
}

export async function getVersion(tx: Tx, kind: 'dataset', ref: VersionRef): Promise<DatasetVersion>;
export async function getVersion(tx: Tx, kind: 'model', ref: VersionRef): Promise<ModelVersion>;
export async function getVersion(
  tx: Tx,
  kind: VersionedKind,
  ref: VersionRef,
): Promise<DatasetVersion | ModelVersion>;
/** Like findVersion, but an unknown reference is a NOT_FOUND error saying what exists. */
export async function getVersion(
  tx: Tx,
  kind: VersionedKind,
  ref: VersionRef,
): Promise<DatasetVersion | ModelVersion> {
  const found = await findVersion(tx, kind, ref);
  if (found) return found;
  const latest = await findVersion(tx, kind, { name: ref.name, by: 'latest' });
  const hint = latest
    ? ref.by === 'alias'
      ? `no alias "${ref.alias}" on ${kind} ${ref.name}`
      : `the newest is ${ref.name}@${latest.version} (${latest.semver})`
    : `no ${kind} named "${ref.name}" is registered`;
  throw new VigieError('NOT_FOUND', `${kind} ${formatRef(ref)} not found: ${hint}`, {
    details: { ref: formatRef(ref) },
  });
}

/** Resolves reference strings (`raw@3`) to ids, failing on the first unknown one. */
export async function resolveIds(tx: Tx, kind: VersionedKind, refs: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const text of refs) ids.push((await getVersion(tx, kind, parseRef(text))).id);
  return ids;
}
