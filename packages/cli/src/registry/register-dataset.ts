import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VigieError } from '@vigie/core/errors';
import { type DatasetProfile, profileTable } from '@vigie/core/profile';
import {
  type CheckReportLike,
  type DatasetVersion,
  type Registered,
  type Registry,
  registerDatasetFiles,
  type SemverOverride,
  type SourceInput,
  type SplitLike,
  sha256,
  type TransformationRecord,
} from '@vigie/core/registry';
import { formatFromName, type Table } from '@vigie/core/table';
import { VERSION } from '../context.js';
import { jsonReplacer } from '../outputs.js';
import { readTextFile } from '../read-text.js';

/** What `dataset register` and `check --register` record, beyond the data file itself. */
export interface DatasetRegistration {
  name: string;
  by: string;
  file: string;
  table: Table;
  profile?: DatasetProfile;
  sources: SourceInput[];
  parents?: string[];
  transformations?: TransformationRecord[];
  report?: { json: string; outcome: CheckReportLike };
  split?: SplitLike & { json: string };
  description?: string | null;
  semver?: SemverOverride;
}

/** Registers a data file with its schema, profile and any report and split. */
export async function registerDataset(
  registry: Registry,
  r: DatasetRegistration,
): Promise<Registered<DatasetVersion>> {
  const profile = r.profile ?? profileTable(r.table, { seed: 0 });
  const profileJson = `${JSON.stringify(profile, jsonReplacer)}\n`;
  return registerDatasetFiles(registry, {
    name: r.name,
    by: r.by,
    file: r.file,
    format: formatFromName(r.file),
    rows: r.table.rowCount,
    schema: r.table.columns.map((c) => ({ name: c.name, type: c.type })),
    sources: r.sources,
    parents: r.parents ?? [],
    transformations: r.transformations ?? [],
    profileJson,
    profileSummary: {
      rows: profile.rows,
      columns: profile.columns.length,
      duplicateRows: profile.duplicateRows,
      contentHash: profile.contentHash,
    },
    ...(r.report ? { report: r.report } : {}),
    ...(r.split ? { split: r.split } : {}),
    ...(r.description !== undefined ? { description: r.description } : {}),
    ...(r.semver ? { semver: r.semver } : {}),
  });
}

/** A local file as a source: its file URL and the SHA-256 of its bytes. */
export async function fileSource(path: string, extra: Partial<SourceInput> = {}): Promise<SourceInput> {
  const bytes = await readFile(path);
  return { uri: pathToFileURL(resolve(path)).href, contentHash: sha256(bytes), ...extra };
}

/** The transformations a check run applied (its repair rules), as lineage records. */
export function repairTransformations(
  transformations: Array<{
    name: string;
    action: string;
    column: string | null;
    parameters: Record<string, unknown>;
    rowsIn: number;
    rowsOut: number;
  }>,
): TransformationRecord[] {
  return transformations.map((t) => ({
    name: t.name,
    codeRef: `vigie@${VERSION} repair:${t.action}`,
    parameters: { ...t.parameters, column: t.column },
    rowsIn: t.rowsIn,
    rowsOut: t.rowsOut,
  }));
}

/** Reads a check report written by `vigie check --json` (or its reports.json output). */
export async function readCheckReport(
  path: string,
): Promise<{ json: string; outcome: CheckReportLike; transformations: TransformationRecord[] }> {
  const json = await readTextFile(path, 'check report');
  const parsed = parseJson(json, path) as {
    kind?: string;
    status?: CheckReportLike['status'];
    counts?: Record<string, number>;
    repair?: { transformations?: Parameters<typeof repairTransformations>[0] };
  };
  if (parsed.kind !== 'vigie.report' || !parsed.status)
    throw new VigieError(
      'PARSE_ERROR',
      `${path}: not a Vigie report (write one with vigie check --json > report.json)`,
      {
        details: { file: path },
      },
    );
  return {
    json,
    outcome: { status: parsed.status, counts: parsed.counts ?? {} },
    transformations: repairTransformations(parsed.repair?.transformations ?? []),
  };
}

/** Reads DIR/split.json and locates its split files in DIR. */
export async function readSplitDir(dir: string): Promise<SplitLike & { json: string }> {
  const path = join(dir, 'split.json');
  const json = await readTextFile(path, 'split');
  const parsed = parseJson(json, path) as {
    kind?: string;
    splits?: SplitLike['result']['splits'];
    verdicts?: SplitLike['result']['verdicts'];
    files?: Record<string, string>;
  };
  if (parsed.kind !== 'vigie.split' || !Array.isArray(parsed.splits))
    throw new VigieError('PARSE_ERROR', `${path}: not a Vigie split (made by vigie split or vigie check)`, {
      details: { file: path },
    });
  const files = Object.fromEntries(
    Object.entries(parsed.files ?? {}).map(([k, v]) => [k, join(dir, basename(v))]),
  );
  return { json, result: { splits: parsed.splits, verdicts: parsed.verdicts ?? [] }, files };
}

export function splitFromResult(
  result: SplitLike['result'] & object,
  files: Record<string, string>,
): SplitLike & { json: string } {
  return { json: `${JSON.stringify({ ...result, files }, jsonReplacer, 2)}\n`, result, files };
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new VigieError('PARSE_ERROR', `${path}: invalid JSON (${(cause as Error).message})`, {
      cause,
      details: { file: path },
    });
  }
}
