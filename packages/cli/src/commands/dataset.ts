import { resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { describeMissing, parseRef, type SemverOverride, writeBlobTo } from '@vigie/core/registry';
import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../context.js';
import { loadTable, openSession } from '../data.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { ReadFlags } from '../options.js';
import { jsonReplacer } from '../outputs.js';
import { createProgress } from '../progress.js';
import { analysisLine, colors, formatSize, readinessLines, refOf, table } from '../registry/format.js';
import { actorOf, addRegistryOptions, openCliRegistry, type RegistryFlags } from '../registry/open.js';
import { fileSource, readCheckReport, readSplitDir, registerDataset } from '../registry/register-dataset.js';
import { verifyDataset } from '../registry/verify-dataset.js';
import { addReadOptions, colorFlag } from './common.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface RegisterFlags extends RegistryFlags, ReadFlags {
  source?: string[];
  owner?: string;
  licence?: string;
  personalData?: boolean;
  parent?: string[];
  transform?: string[];
  report?: string;
  splitDir?: string;
  description?: string;
  semver?: string;
  reason?: string;
  json?: boolean;
}

export function semverOverride(flags: { semver?: string; reason?: string }): SemverOverride | undefined {
  if (!flags.semver) return undefined;
  if (!flags.reason) throw new UsageError('--semver needs --reason: the override is recorded with why');
  return { to: flags.semver, reason: flags.reason };
}

function parseTransform(
  text: string,
  previous: Array<{ name: string; parameters: Record<string, unknown> }> = [],
) {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  let parameters: Record<string, unknown> = {};
  if (eq >= 0) {
    try {
      parameters = JSON.parse(text.slice(eq + 1)) as Record<string, unknown>;
    } catch {
      throw new InvalidArgumentError(`expected NAME or NAME={"json": "parameters"}, got "${text}"`);
    }
  }
  if (!name) throw new InvalidArgumentError(`expected NAME or NAME={...}, got "${text}"`);
  return [...previous, { name, parameters }];
}

export function registerDatasetCommands(program: Command, ctx: CommandContext): void {
  const group = program
    .command('dataset')
    .summary('register, list, show, fetch, verify and mark ready versioned datasets')
    .description(
      'Datasets in the registry: immutable versions addressed by content (SHA-256), with their sources, parents, ' +
        'transformations, schema, profile, check results and splits. References are NAME (the newest), NAME@3, ' +
        'NAME@1.2.0 or NAME@ALIAS. The registry is .vigie/registry.db unless --registry or VIGIE_REGISTRY says ' +
        'otherwise (docs/registry.md).',
    );

  const register = group
    .command('register')
    .summary('register a data file as a new dataset version')
    .argument('<name>', 'the dataset name')
    .argument('<file>', 'the data file (CSV, Parquet or JSON Lines)')
    .option('--source <uri>', 'where the data came from (repeatable; default: the file itself)', collect)
    .option('--owner <name>', 'owner of the sources')
    .option('--licence <licence>', 'licence of the sources, e.g. CC0-1.0')
    .option('--personal-data', 'the sources hold personal data (see vigie impact --personal-data)')
    .option('--parent <ref>', 'a dataset version this one derives from (repeatable)', collect)
    .option(
      '--transform <name[=json]>',
      'a transformation that made it, with JSON parameters (repeatable)',
      parseTransform,
    )
    .option(
      '--report <file>',
      'attach a check report (vigie check --json > report.json); its repairs become transformations',
    )
    .option(
      '--split-dir <dir>',
      'attach a split made by vigie split or vigie check (the folder with split.json)',
    )
    .option('--description <text>', 'a description')
    .option(
      '--semver <bump|x.y.z>',
      'override the semver the policy derives (major, minor, patch or a version)',
    )
    .option('--reason <text>', 'why the semver is overridden (required with --semver)')
    .option('--json', 'print {"name", "version", "semver", "hash", ...} on stdout');
  addReadOptions(register);
  addRegistryOptions(register);
  register.addHelpText(
    'after',
    `
The version number comes from a per-name sequence; the semver from the lineage diff with the newest
version: schema or transformations changed → major; only the data → patch. Registering exactly what
the newest version is returns that version.

Examples:
  $ vigie dataset register penguins data/penguins.csv --source https://example.org/penguins.csv --licence CC0-1.0
  $ vigie check --json > report.json; vigie dataset register penguins out/clean.csv --report report.json --split-dir out/splits
  $ vigie dataset register penguins-v2 clean.csv --parent penguins@3 --transform 'dedupe={"key":"id"}'`,
  );
  register.action(async (name: string, file: string, flags: RegisterFlags) => {
    const path = resolve(ctx.io.cwd, file);
    const progress = createProgress(ctx.io, !flags.json);
    const by = actorOf(ctx, flags);
    const report = flags.report ? await readCheckReport(resolve(ctx.io.cwd, flags.report)) : undefined;
    const split = flags.splitDir ? await readSplitDir(resolve(ctx.io.cwd, flags.splitDir)) : undefined;
    const semver = semverOverride(flags);
    const sourceExtra = {
      ...(flags.owner ? { owner: flags.owner } : {}),
      ...(flags.licence ? { licence: flags.licence } : {}),
      ...(flags.personalData ? { personalData: true } : {}),
    };
    await using db = await openSession();
    const data = await loadTable(db, path, flags, progress);
    const sources = flags.source?.length
      ? flags.source.map((uri) => ({ uri, contentHash: null, ...sourceExtra }))
      : [await fileSource(path, sourceExtra)];
    const transforms =
      (flags.transform as unknown as Array<{ name: string; parameters: Record<string, unknown> }>) ?? [];
    await using registry = await openCliRegistry(ctx, flags);
    const result = await registerDataset(registry, {
      name,
      by,
      file: path,
      table: data,
      sources,
      parents: flags.parent ?? [],
      transformations: [
        ...(report?.transformations ?? []),
        ...transforms.map((t) => ({
          name: t.name,
          codeRef: null,
          parameters: t.parameters,
          rowsIn: null,
          rowsOut: null,
        })),
      ],
      ...(report ? { report: { json: report.json, outcome: report.outcome } } : {}),
      ...(split ? { split } : {}),
      ...(flags.description ? { description: flags.description } : {}),
      ...(semver ? { semver } : {}),
    });
    printRegistered(ctx, result, flags.json === true, useColor(ctx.io, undefined));
    if (!flags.json) {
      const readiness = await registry.store.datasetReadiness(parseRef(result.version.id));
      if (!readiness.ready)
        ctx.io.stdout.write(`not ready for training yet: ${describeMissing(readiness)}\n`);
    }
  });

  const list = group
    .command('list')
    .summary('list datasets (the newest version of each), or the versions of one')
    .argument('[name]', 'list the versions of this dataset')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 1000)
    .option('--json', 'print the versions as JSON');
  addRegistryOptions(list);
  list.action(
    async (
      name: string | undefined,
      flags: RegistryFlags & { json?: boolean; limit: number },
      command: Command,
    ) => {
      await using registry = await openCliRegistry(ctx, flags);
      const versions = await registry.store.listDatasets({ ...(name ? { name } : {}), limit: flags.limit });
      if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(versions, jsonReplacer, 2)}\n`);
      if (versions.length === 0)
        return void ctx.io.stdout.write(name ? `no versions of ${name}\n` : 'no datasets registered\n');
      const c = colors(useColor(ctx.io, colorFlag(command)));
      const rows = [['REF', 'SEMVER', 'ROWS', 'SIZE', 'SHA-256', 'CREATED', 'BY'].map(c.bold)];
      for (const v of versions)
        rows.push([
          refOf(v),
          v.semver,
          String(v.rows ?? '?'),
          formatSize(v.sizeBytes),
          v.contentHash.slice(0, 12),
          v.createdAt,
          v.createdBy,
        ]);
      ctx.io.stdout.write(`${table(rows)}\n`);
    },
  );

  const show = group
    .command('show')
    .summary('show a dataset version: lineage, schema, analyses, splits, readiness, aliases')
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .option('--json', 'print everything as JSON');
  addRegistryOptions(show);
  show.action(async (ref: string, flags: RegistryFlags & { json?: boolean }, command: Command) => {
    await using registry = await openCliRegistry(ctx, flags);
    const { store } = registry;
    const v = await store.getDataset(parseRef(ref));
    const [analyses, readiness, aliases, sources] = await Promise.all([
      store.listAnalyses(v.id),
      store.datasetReadiness(parseRef(v.id)),
      store.listAliases('dataset', v.name),
      Promise.all(v.sourceIds.map((id) => store.getSource(id))),
    ]);
    const pointing = aliases.filter((a) => a.targetId === v.id).map((a) => a.alias);
    if (flags.json)
      return void ctx.io.stdout.write(
        `${JSON.stringify({ ...v, sources, analyses, readiness, aliases: pointing }, jsonReplacer, 2)}\n`,
      );
    const c = colors(useColor(ctx.io, colorFlag(command)));
    const lines = [
      `${c.bold(refOf(v))}  semver ${v.semver} (${v.semverDecision.bump}: ${v.semverDecision.reason})`,
      `  sha256:${v.contentHash}  ${formatSize(v.sizeBytes)}  ${v.format}  ${v.rows ?? '?'} rows`,
      `  created ${v.createdAt} by ${v.createdBy}${v.description ? ` — ${v.description}` : ''}`,
      `  aliases: ${pointing.length ? pointing.join(', ') : 'none'}`,
      `  schema: ${v.schema.map((f) => `${f.name} (${f.type})`).join(', ')}`,
      `  sources:${sources.length ? '' : ' none'}`,
      ...sources.map(
        (s) =>
          `    ${s.uri}${s.contentHash ? c.dim(` sha256:${s.contentHash.slice(0, 12)}`) : ''}${s.owner ? ` owner ${s.owner}` : ''}${s.licence ? ` licence ${s.licence}` : ''}${s.personalData ? c.yellow(' personal data') : ''}`,
      ),
      `  parents: ${v.parentIds.length ? v.parentIds.join(', ') : 'none'}`,
      `  transformations: ${v.transformations.length === 0 ? 'none' : ''}`,
      ...v.transformations.map(
        (t) =>
          `    ${t.name}${t.rowsIn !== null ? ` (${t.rowsIn} → ${t.rowsOut} rows)` : ''}${t.codeRef ? c.dim(` ${t.codeRef}`) : ''}`,
      ),
      `  splits: ${v.splits.length === 0 ? 'none' : v.splits.map((s) => `${s.name} ${s.rows}`).join(', ')}`,
      `  analyses:${analyses.length === 0 ? ' none' : ''}`,
      ...analyses.map((a) => analysisLine(c, a)),
      ...readinessLines(c, readiness, '  ready for training'),
    ];
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
  });

  const get = group
    .command('get')
    .summary('write the registered bytes of a dataset version (or one of its splits) to a file')
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .requiredOption('--out <file>', 'where to write the bytes')
    .option('--split <name>', 'write this split (train, validation, test) instead of the whole dataset');
  addRegistryOptions(get);
  get.addHelpText(
    'after',
    '\nThe bytes are checked against their SHA-256 before the file appears; a tampered blob is an error.',
  );
  get.action(async (ref: string, flags: RegistryFlags & { out: string; split?: string }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const v = await registry.store.getDataset(parseRef(ref));
    let hash = v.contentHash;
    if (flags.split) {
      const split = v.splits.find((s) => s.name === flags.split);
      if (!split?.blobHash)
        throw new VigieError(
          'NOT_FOUND',
          `${refOf(v)} has no stored split "${flags.split}" (splits: ${v.splits.map((s) => s.name).join(', ') || 'none'})`,
        );
      hash = split.blobHash;
    }
    const out = resolve(ctx.io.cwd, flags.out);
    await writeBlobTo(registry.blobs, hash, out);
    ctx.io.stdout.write(
      `wrote ${flags.out}: ${refOf(v)}${flags.split ? ` ${flags.split}` : ''}, sha256:${hash} verified\n`,
    );
  });

  const verify = group
    .command('verify')
    .summary(
      're-check a dataset version: every blob against its hash, and its profile recomputed from its bytes',
    )
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .option('--json', 'print the verifications as JSON');
  addRegistryOptions(verify);
  verify.addHelpText(
    'after',
    '\nExit code 1 when a blob does not match its hash or the recomputed profile differs.',
  );
  verify.action(async (ref: string, flags: RegistryFlags & { json?: boolean }, command: Command) => {
    await using registry = await openCliRegistry(ctx, flags);
    const v = await registry.store.getDataset(parseRef(ref));
    await using db = await openSession();
    const results = await verifyDataset(registry, db, v);
    const failed = results.some((r) => r.status === 'fail');
    if (failed) ctx.exitCode = EXIT_FAILED;
    if (flags.json)
      return void ctx.io.stdout.write(`${JSON.stringify({ ref: v.id, ok: !failed, results }, null, 2)}\n`);
    const c = colors(useColor(ctx.io, colorFlag(command)));
    const lines = results.map(
      (r) => `${r.status === 'pass' ? c.green('PASS') : c.red('FAIL')}  ${r.check}  ${r.detail}`,
    );
    lines.push(failed ? c.red(`${refOf(v)}: verification failed`) : c.green(`${refOf(v)}: verified`));
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
  });

  const ready = group
    .command('ready')
    .summary('mark a dataset version ready for training, if its required analyses passed')
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .option('--reason <text>', 'recorded with the event');
  addRegistryOptions(ready);
  ready.addHelpText(
    'after',
    '\nRequired by default: profile, checks and split analyses, the newest of each passed (registry.readiness in vigie.yaml).\nA refusal lists what is missing and exits 2.',
  );
  ready.action(async (ref: string, flags: RegistryFlags & { reason?: string }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const event = await registry.store.markDatasetReady(parseRef(ref), {
      by: actorOf(ctx, flags),
      reason: flags.reason ?? null,
    });
    ctx.io.stdout.write(
      `${event.subjectId} is ready for training (event #${event.seq}, evidence ${event.evidence.join(', ')})\n`,
    );
  });
}

function printRegistered(
  ctx: CommandContext,
  result: {
    created: boolean;
    version: import('@vigie/core/registry').DatasetVersion;
    analyses: import('@vigie/core/registry').Analysis[];
  },
  json: boolean,
  color: boolean,
): void {
  const v = result.version;
  if (json) {
    ctx.io.stdout.write(
      `${JSON.stringify(
        {
          name: v.name,
          version: v.version,
          semver: v.semver,
          hash: v.contentHash,
          id: v.id,
          created: result.created,
          bump: v.semverDecision.bump,
          reason: v.semverDecision.reason,
          analyses: result.analyses.map((a) => ({ id: a.id, kind: a.kind, status: a.status })),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const c = colors(color);
  const head = result.created
    ? `registered ${c.bold(refOf(v))}`
    : `unchanged: ${c.bold(refOf(v))} already holds this data`;
  ctx.io.stdout.write(
    `${head}  semver ${v.semver} (${v.semverDecision.bump}: ${v.semverDecision.reason})\n  sha256:${v.contentHash}  ${formatSize(v.sizeBytes)}  ${v.rows ?? '?'} rows\n${result.analyses.map((a) => analysisLine(c, a)).join('\n')}${result.analyses.length ? '\n' : ''}`,
  );
}
