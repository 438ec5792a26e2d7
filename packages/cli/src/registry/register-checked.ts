import { resolve } from 'node:path';
import type { Transformation } from '@vigie/core/checks';
import type { VigieConfig } from '@vigie/core/config';
import type { DatasetProfile } from '@vigie/core/profile';
import { describeMissing, parseRef, type SourceInput, type SplitLike } from '@vigie/core/registry';
import type { Report } from '@vigie/core/report';
import type { Table } from '@vigie/core/table';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { jsonReplacer } from '../outputs.js';
import { actorOf, openCliRegistry, policyOf, type RegistryFlags } from './open.js';
import { fileSource, registerDataset, repairTransformations } from './register-dataset.js';

/** The name `check --register` records under: the flag's value, else registry.dataset in the config. */
export function registrationName(
  flag: string | boolean | undefined,
  config: VigieConfig,
): string | undefined {
  if (flag === undefined || flag === false) return undefined;
  const name = typeof flag === 'string' ? flag : config.registry?.dataset;
  if (!name)
    throw new UsageError('--register needs a name: --register NAME, or registry.dataset in the config');
  return name;
}

export interface CheckedData {
  name: string;
  baseDir: string;
  /** The data file that was read. */
  dataPath: string;
  /** The file registered: the repaired output, or the data file. */
  file: string;
  table: Table;
  profile: DatasetProfile;
  report: Report;
  transformations: Transformation[];
  split?: SplitLike & { json: string };
}

/** The sources declared in the config (local files hashed), else the data file that was read. */
async function sourcesOf(config: VigieConfig, checked: CheckedData): Promise<SourceInput[]> {
  const declared = config.registry?.sources;
  if (!declared?.length) return [await fileSource(checked.dataPath)];
  const out: SourceInput[] = [];
  for (const s of declared) {
    const extra = {
      ...(s.owner ? { owner: s.owner } : {}),
      ...(s.licence ? { licence: s.licence } : {}),
      ...(s.retrieved_at ? { retrievedAt: s.retrieved_at } : {}),
      personalData: s.personal_data,
    };
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s.uri))
      out.push(await fileSource(resolve(checked.baseDir, s.uri), extra));
    else if (s.path) out.push({ ...(await fileSource(resolve(checked.baseDir, s.path), extra)), uri: s.uri });
    else out.push({ uri: s.uri, contentHash: null, ...extra });
  }
  return out;
}

/**
 * Records what `vigie check` produced as a dataset version: the (repaired) data, its sources, the
 * repairs as transformations, the profile, the check report and the split. Returns one line for
 * the console.
 */
export async function registerChecked(
  ctx: CommandContext,
  flags: RegistryFlags,
  config: VigieConfig,
  checked: CheckedData,
): Promise<string> {
  await using registry = await openCliRegistry(ctx, flags, policyOf(config.registry?.readiness));
  const result = await registerDataset(registry, {
    name: checked.name,
    by: actorOf(ctx, flags),
    file: checked.file,
    table: checked.table,
    profile: checked.profile,
    sources: await sourcesOf(config, checked),
    transformations: repairTransformations(checked.transformations),
    report: {
      json: `${JSON.stringify(checked.report, jsonReplacer)}\n`,
      outcome: { status: checked.report.status, counts: { ...checked.report.counts } },
    },
    ...(checked.split ? { split: checked.split } : {}),
    ...(config.registry?.description ? { description: config.registry.description } : {}),
  });
  const v = result.version;
  const readiness = await registry.store.datasetReadiness(parseRef(v.id));
  const marked = (await registry.store.events({ subjectId: v.id, type: 'dataset.ready' })).length > 0;
  const head = result.created
    ? `Registered ${v.name}@${v.version} (semver ${v.semver}, ${v.semverDecision.bump}: ${v.semverDecision.reason})`
    : `Unchanged: ${v.name}@${v.version} already holds this data`;
  return `${head} in ${registry.store.location}; ready for training: ${marked ? 'yes, marked' : readiness.ready ? 'yes (vigie dataset ready to mark it)' : `no — ${describeMissing(readiness)}`}`;
}
