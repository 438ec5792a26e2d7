import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import {
  type DatasetVersion,
  type Registered,
  type Registry,
  type SourceInput,
  sha256,
  writeBlobTo,
} from '@vigie/core/registry';
import type { Report } from '@vigie/core/report';
import { type DuckDb, readTable, type SemanticType, type Table, writeTable } from '@vigie/core/table';
import { jsonReplacer } from '../outputs.js';
import { registerDataset, splitFromResult } from '../registry/register-dataset.js';
import { appendRows } from './append-rows.js';
import { withoutRowsOf } from './without-overlap.js';

/** Where the labelled rows came from, recorded as the new version's production source. */
export interface FeedbackOrigin {
  /** The prediction log's URL (never credentials: the caller strips them). */
  log: string;
  route: string;
  since: string | null;
  until: string | null;
  /** The ids of the labelled predictions, in order (hashed into the source's content hash). */
  predictionIds: readonly string[];
}

/** SHA-256 of the row numbers, as the split domain hashes a split's membership without a key. */
function rowRangeHash(start: number, count: number): string {
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = start + i;
  return createHash('sha256').update(new Uint8Array(rows.buffer)).digest('hex');
}

async function readSplit(db: DuckDb, registry: Registry, base: DatasetVersion, name: string, dir: string) {
  const split = base.splits.find((s) => s.name === name);
  if (!split?.blobHash) {
    throw new VigieError('REFUSED', `${base.name}@${base.version} has no stored ${name} split to extend`, {
      details: { ref: base.id },
    });
  }
  const file = join(dir, `base-${name}.${base.format}`);
  await writeBlobTo(registry.blobs, split.blobHash, file);
  const types = Object.fromEntries(base.schema.map((f) => [f.name, f.type])) as Record<string, SemanticType>;
  return readTable(db, file, { types });
}

/**
 * The flywheel's dataset version: the base version's train split with the labelled production rows
 * appended, its validation and test splits unchanged (so the gates compare old and new models on
 * the same sealed rows). Parent: the base version; sources: the base's plus the prediction log
 * (its URI names the route and time range, its hash covers the prediction ids); transformations:
 * the base's (the policy then sees a data-only change: a patch bump).
 */
export async function registerFeedbackDataset(args: {
  db: DuckDb;
  registry: Registry;
  base: DatasetVersion;
  rows: Table;
  origin: FeedbackOrigin;
  checks: Report;
  dir: string;
  by: string;
}): Promise<{ registered: Registered<DatasetVersion>; appended: number; overlapping: number }> {
  const { db, registry, base, dir } = args;
  const validation = await readSplit(db, registry, base, 'validation', dir);
  const test = await readSplit(db, registry, base, 'test', dir);
  // A production row equal to a validation or test row (inputs and label) would unseal them.
  const { kept, dropped } = withoutRowsOf(args.rows, [validation, test]);
  const train = appendRows(await readSplit(db, registry, base, 'train', dir), kept);
  const format = base.format === 'parquet' ? 'parquet' : 'csv';
  const files = {
    train: join(dir, `train.${format}`),
    validation: join(dir, `validation.${format}`),
    test: join(dir, `test.${format}`),
  };
  await writeTable(db, train, files.train);
  await writeTable(db, validation, files.validation);
  await writeTable(db, test, files.test);
  // The version's data: train, then validation, then test, so each split is a range of rows.
  const all = appendRows(appendRows(train, validation), test);
  const file = join(dir, `data.${format}`);
  await writeTable(db, all, file);
  const total = all.rowCount;
  const parts = [
    { name: 'train' as const, rows: train.rowCount, start: 0 },
    { name: 'validation' as const, rows: validation.rowCount, start: train.rowCount },
    { name: 'test' as const, rows: test.rowCount, start: train.rowCount + validation.rowCount },
  ];
  const split = splitFromResult(
    {
      splits: parts.map((p) => ({
        name: p.name,
        rows: p.rows,
        share: total === 0 ? 0 : p.rows / total,
        membershipHash: rowRangeHash(p.start, p.rows),
      })),
      verdicts: [],
    },
    files,
  );
  const sources: SourceInput[] = [];
  let personalData = false;
  for (const id of base.sourceIds) {
    const s = await registry.store.getSource(id);
    sources.push({
      uri: s.uri,
      contentHash: s.contentHash,
      retrievedAt: s.retrievedAt,
      owner: s.owner,
      licence: s.licence,
      personalData: s.personalData,
    });
    personalData ||= s.personalData;
  }
  const o = args.origin;
  const range = [o.since ? `since=${o.since}` : '', o.until ? `until=${o.until}` : ''].filter(Boolean);
  sources.push({
    uri: `vigie-prediction-log:${o.log}#route=${o.route}${range.length ? `&${range.join('&')}` : ''}`,
    contentHash: sha256(o.predictionIds.join('\n')),
    retrievedAt: new Date().toISOString(),
    owner: null,
    licence: null,
    // Production sends the same kinds of fields the training sources hold (after anonymization).
    personalData,
  });
  const registered = await registerDataset(args.registry, {
    name: base.name,
    by: args.by,
    file,
    table: all,
    sources,
    parents: [base.id],
    transformations: base.transformations,
    report: {
      json: `${JSON.stringify(args.checks, jsonReplacer)}\n`,
      outcome: { status: args.checks.status, counts: { ...args.checks.counts } },
    },
    split,
    description: `${base.name}@${base.version} with ${kept.rowCount} labelled predictions of route ${o.route} appended to its train split (vigie flywheel${dropped > 0 ? `; ${dropped} equal to validation or test rows left out` : ''})`,
  });
  return { registered, appended: kept.rowCount, overlapping: dropped };
}
