import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVigieError } from '@vigie/core/errors';
import { type DatasetProfile, parseProfile, profileTable } from '@vigie/core/profile';
import {
  canonicalJson,
  type DatasetVersion,
  type Registry,
  readBlob,
  writeBlobTo,
} from '@vigie/core/registry';
import { type DuckDb, type FileFormat, readTable, type SemanticType } from '@vigie/core/table';

export interface Verification {
  check: string;
  status: 'pass' | 'fail';
  detail: string;
}

/** The profile without where it was read from (a temporary path here, the user's path then). */
function comparable(p: DatasetProfile): string {
  return canonicalJson({ ...p, source: null });
}

/** The first top-level field (or column) where two profiles differ, for the message. */
function firstDifference(a: DatasetProfile, b: DatasetProfile): string {
  for (const key of Object.keys(a) as Array<keyof DatasetProfile>) {
    if (key === 'source' || key === 'columns') continue;
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) return key;
  }
  const col = a.columns.find((c, i) => canonicalJson(c) !== canonicalJson(b.columns[i]));
  return col ? `column ${col.name}` : 'columns';
}

/**
 * Verified analyses (FEATURES D12): every blob of the version hashes to its address, and the profile
 * recomputed from the stored bytes, with the stored options and column types, equals the stored one.
 */
export async function verifyDataset(
  registry: Registry,
  db: DuckDb,
  v: DatasetVersion,
): Promise<Verification[]> {
  const out: Verification[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'vigie-verify-'));
  try {
    const data = join(dir, `data.${v.format}`);
    const integrity = async (check: string, hash: string, to?: string) => {
      try {
        if (to) await writeBlobTo(registry.blobs, hash, to);
        else await readBlob(registry.blobs, hash);
        out.push({ check, status: 'pass', detail: `sha256:${hash.slice(0, 12)}… verified` });
        return true;
      } catch (error) {
        if (!isVigieError(error) || !['INTEGRITY', 'NOT_FOUND'].includes(error.code)) throw error;
        out.push({ check, status: 'fail', detail: error.message });
        return false;
      }
    };
    const dataOk = await integrity('integrity:data', v.contentHash, data);
    for (const s of v.splits) if (s.blobHash) await integrity(`integrity:split:${s.name}`, s.blobHash);
    const analyses = await registry.store.listAnalyses(v.id);
    for (const a of analyses) if (a.blobHash) await integrity(`integrity:${a.id}:${a.kind}`, a.blobHash);

    const profiles = analyses.filter((a) => a.kind === 'profile' && a.blobHash);
    const stored = profiles.at(-1);
    if (!stored?.blobHash) {
      out.push({ check: 'recompute:profile', status: 'fail', detail: 'no stored profile to compare with' });
    } else if (dataOk) {
      const text = new TextDecoder().decode(
        await readBlob(registry.blobs, stored.blobHash).catch(() => new Uint8Array()),
      );
      const expected = parseProfile(text, `${stored.id}`);
      const types = Object.fromEntries(v.schema.map((f) => [f.name, f.type as SemanticType]));
      const table = await readTable(db, data, { format: v.format as FileFormat, types });
      const again = profileTable(table, expected.options);
      out.push(
        comparable(again) === comparable(expected)
          ? {
              check: 'recompute:profile',
              status: 'pass',
              detail: `recomputed from the stored bytes: identical to ${stored.id}`,
            }
          : {
              check: 'recompute:profile',
              status: 'fail',
              detail: `recomputed profile differs from ${stored.id} (${firstDifference(again, expected)})`,
            },
      );
      if (v.rows !== null && table.rowCount !== v.rows)
        out.push({
          check: 'recompute:rows',
          status: 'fail',
          detail: `${table.rowCount} rows, ${v.rows} recorded`,
        });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
