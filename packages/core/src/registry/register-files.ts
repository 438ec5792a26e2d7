import type { VerdictStatus } from '../verdict/index.js';
import { putBytes, putFile } from './blobs/blob-files.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { DatasetVersion, SchemaField, SplitRecord, TransformationRecord } from './entities.js';
import type { AnalysisInput, RegisterDatasetInput, Registered, RegistryStore, SourceInput } from './store.js';

/** A registry: metadata and bytes, opened together. */
export interface Registry extends AsyncDisposable {
  store: RegistryStore;
  blobs: BlobStore;
}

/** The outcome of a check run, as `vigie check --json` prints it (only what is recorded here). */
export interface CheckReportLike {
  status: VerdictStatus;
  counts: Record<string, number>;
}

/** A split as `vigie split` / `vigie check` write it: split.json and the files it names. */
export interface SplitLike {
  result: {
    splits: Array<{ name: string; rows: number; membershipHash: string }>;
    verdicts: Array<{ status: VerdictStatus }>;
  };
  /** Split name → file path of its rows. */
  files: Record<string, string>;
}

export interface DatasetFiles {
  name: string;
  by: string;
  /** The data file whose bytes become the version. */
  file: string;
  format: string;
  rows: number | null;
  schema: SchemaField[];
  /** Where the data came from (URIs with their content hashes). */
  sources?: SourceInput[];
  parents?: string[];
  transformations?: TransformationRecord[];
  /** The profile, serialized as `vigie profile --out` writes it. */
  profileJson?: string;
  profileSummary?: Record<string, unknown>;
  /** The check report, serialized, and its outcome. */
  report?: { json: string; outcome: CheckReportLike };
  split?: SplitLike & { json: string };
  description?: string | null;
  semver?: RegisterDatasetInput['semver'];
}

const worst = (statuses: VerdictStatus[]): VerdictStatus =>
  statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';

/**
 * Registers a dataset version from files: stores the data, profile, check report and split files
 * as blobs first (content-addressed, so a crash leaves at most unreferenced bytes), then records
 * the version and its analyses in one transaction.
 */
export async function registerDatasetFiles(
  registry: Registry,
  input: DatasetFiles,
): Promise<Registered<DatasetVersion>> {
  const { store, blobs } = registry;
  const data = await putFile(blobs, input.file);
  const analyses: AnalysisInput[] = [];
  if (input.profileJson !== undefined)
    analyses.push({
      kind: 'profile',
      status: 'pass',
      blobHash: (await putBytes(blobs, input.profileJson)).hash,
      summary: input.profileSummary ?? {},
    });
  if (input.report)
    analyses.push({
      kind: 'checks',
      status: input.report.outcome.status,
      blobHash: (await putBytes(blobs, input.report.json)).hash,
      summary: { counts: input.report.outcome.counts, contentHash: data.hash },
    });
  let splits: SplitRecord[] = [];
  if (input.split) {
    splits = [];
    for (const s of input.split.result.splits) {
      const file = input.split.files[s.name];
      splits.push({
        name: s.name,
        rows: s.rows,
        membershipHash: s.membershipHash,
        blobHash: file ? (await putFile(blobs, file)).hash : null,
      });
    }
    const verdicts = input.split.result.verdicts.map((v) => v.status);
    analyses.push({
      kind: 'split',
      status: worst(verdicts),
      blobHash: (await putBytes(blobs, input.split.json)).hash,
      summary: { splits: Object.fromEntries(splits.map((s) => [s.name, s.rows])), findings: verdicts.length },
    });
  }
  return store.registerDataset({
    name: input.name,
    by: input.by,
    contentHash: data.hash,
    format: input.format,
    sizeBytes: data.size,
    rows: input.rows,
    schema: input.schema,
    sources: input.sources ?? [],
    parents: input.parents ?? [],
    transformations: input.transformations ?? [],
    splits,
    analyses,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.semver ? { semver: input.semver } : {}),
  });
}
