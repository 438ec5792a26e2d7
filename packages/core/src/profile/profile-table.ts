import type { Column, Table } from '../table/index.js';
import { columnContentHash, contentHashOfColumns } from './content-hash.js';
import { profileBoolean, profileCategorical } from './profile-categorical.js';
import { profileNumeric } from './profile-numeric.js';
import { createProfileScratch, type ProfileScratch } from './profile-scratch.js';
import { duplicateMask, rowHashes } from './row-hash.js';
import {
  type ColumnProfile,
  type DatasetProfile,
  PROFILE_SCHEMA_VERSION,
  type ProfileOptions,
  type ResolvedProfileOptions,
  resolveProfileOptions,
} from './types.js';

export function profileColumn(
  col: Column,
  options: ProfileOptions = {},
  scratch?: ProfileScratch,
): ColumnProfile {
  const resolved = resolveProfileOptions(options);
  if (col.storage === 'float64') return profileNumeric(col, resolved, scratch);
  if (col.storage === 'bool') return profileBoolean(col);
  return profileCategorical(col, resolved);
}

/**
 * A column's profile and, when asked, its content hash (`columnContentHash`): one task, so that
 * each column is read on the thread that profiles it. `scratch` lends its working memory.
 */
export function profileColumnAndHash(
  col: Column,
  options: ProfileOptions = {},
  scratch?: ProfileScratch,
): { profile: ColumnProfile; hash: string } {
  const resolved = resolveProfileOptions(options);
  return {
    profile: profileColumn(col, resolved, scratch),
    hash: resolved.contentHash ? columnContentHash(col) : '',
  };
}

/**
 * Profiles every column of a table, counts duplicate rows and hashes the content. The result is a
 * versioned JSON-ready object; profiles of partitions merge with `mergeProfiles`.
 *
 * @example
 * const profile = profileTable(table); // { schemaVersion: 1, rows, columns: [...] }
 */
export function profileTable(
  table: Table,
  options: ProfileOptions = {},
  onColumn?: (done: number, total: number) => void,
): DatasetProfile {
  const resolved = resolveProfileOptions(options);
  const columns: ColumnProfile[] = [];
  const hashes: string[] = [];
  // One working memory for the columns, profiled one after another.
  const scratch = createProfileScratch();
  table.columns.forEach((col, j) => {
    const { profile, hash } = profileColumnAndHash(col, resolved, scratch);
    columns.push(profile);
    hashes.push(hash);
    onColumn?.(j + 1, table.columns.length);
  });
  const contentHash = resolved.contentHash ? contentHashOfColumns(table.rowCount, hashes) : '';
  return datasetProfile(table, columns, resolved, contentHash);
}

/** The dataset profile around its column profiles: duplicate rows, content hash, options. */
export function datasetProfile(
  table: Table,
  columns: ColumnProfile[],
  resolved: ResolvedProfileOptions,
  contentHash: string,
): DatasetProfile {
  const duplicateRows = someColumnIsUnique(columns, table.rowCount) ? 0 : countDuplicateRows(table);
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    kind: 'vigie.profile',
    source: table.source ?? null,
    rows: table.rowCount,
    duplicateRows,
    duplicateRowsExact: true,
    contentHash,
    contentHashOf: 'rows',
    columns,
    options: resolved,
  };
}

/**
 * True when one column alone tells every row apart (an id column, say): its distinct values, with
 * missing counted as one more value as row fingerprints count it, are as many as the rows. Then no
 * row can repeat another, and the fingerprints need not be computed.
 */
function someColumnIsUnique(columns: readonly ColumnProfile[], rows: number): boolean {
  return columns.some((c) => c.distinctExact && c.distinct + (c.missing > 0 ? 1 : 0) === rows);
}

function countDuplicateRows(table: Table): number {
  const dup = duplicateMask(rowHashes(table));
  let n = 0;
  for (let i = 0; i < dup.length; i++) n += dup[i]!;
  return n;
}
