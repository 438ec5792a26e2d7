import { dirname, resolve } from 'node:path';
import {
  type AnalysisName,
  applyRepairs,
  type DriftReference,
  runChecks,
  type Transformation,
} from '@vigie/core/checks';
import type { CheckSpec, DataSourceSpec, VigieConfig } from '@vigie/core/config';
import { type DatasetProfile, tableContentHash, warmProfileWorkers } from '@vigie/core/profile';
import { createReport, type Report, renderConsole } from '@vigie/core/report';
import { type SplitResult, splitTable } from '@vigie/core/split';
import { pairwiseCorrelation } from '@vigie/core/stats';
import {
  type DuckDb,
  isNumericType,
  type ReadOptions,
  type SemanticType,
  type Table,
  writeTable,
} from '@vigie/core/table';
import type { Verdict } from '@vigie/core/verdict';
import type { Command } from 'commander';
import { readConfig } from '../config.js';
import { type CommandContext, VERSION } from '../context.js';
import { loadProfileFile, loadTable, openSession, resolveFrom } from '../data.js';
import { EXIT_FAILED } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { profileOn, startPool } from '../parallel.js';
import { createProgress, type Progress } from '../progress.js';
import { addRegistryOptions, type RegistryFlags } from '../registry/open.js';
import { registerChecked, registrationName } from '../registry/register-checked.js';
import { splitFromResult } from '../registry/register-dataset.js';
import { writeSplits } from '../write-splits.js';
import { addReadOptions, addReportOptions, addThreadsOption, colorFlag } from './common.js';

interface CheckFlags extends ReadFlags, ReportFlags, RegistryFlags {
  config: string;
  data?: string;
  repair: boolean;
  split: boolean;
  register?: string | boolean;
  threads?: number;
}

/** Checks that make sense on each split too (a split is smaller by design, and drift is its own analysis). */
const NOT_PER_SPLIT = new Set<CheckSpec['check']>(['row_count', 'drift', 'required_analyses']);

function readOptionsOf(spec: DataSourceSpec, config: VigieConfig, flags: ReadFlags): Partial<ReadOptions> {
  const types: Record<string, SemanticType> = { ...flags.type };
  for (const [name, c] of Object.entries(config.columns ?? {})) if (c.type) types[name] = c.type;
  const o: Partial<ReadOptions> = { types };
  if (typeof spec === 'object') {
    if (spec.format) o.format = spec.format;
    if (spec.delimiter) o.delimiter = spec.delimiter;
    if (spec.encoding) o.encoding = spec.encoding;
    if (spec.null_values) o.nullValues = spec.null_values;
  }
  return o;
}

function pathOf(spec: DataSourceSpec): string {
  return typeof spec === 'string' ? spec : spec.path;
}

function correlationOf(table: Table): Report['correlation'] {
  const cols = table.columns.filter((c) => isNumericType(c.type) && c.storage === 'float64').slice(0, 60);
  if (cols.length < 2) return undefined;
  const m = pairwiseCorrelation(cols.map((c) => (c.storage === 'float64' ? c.values : new Float64Array(0))));
  return { method: 'pearson', columns: cols.map((c) => c.name), matrix: Array.from(m.data) };
}

interface RunState {
  db: DuckDb;
  baseDir: string;
  config: VigieConfig;
  flags: CheckFlags;
  progress: Progress;
}

async function loadReference(state: RunState, reference: DriftReference): Promise<Table | DatasetProfile> {
  if (typeof reference === 'object' && 'profile' in reference)
    return loadProfileFile(resolveFrom(state.baseDir, reference.profile));
  const location = resolveFrom(state.baseDir, pathOf(reference));
  return loadTable(
    state.db,
    location,
    state.flags,
    state.progress,
    readOptionsOf(reference, state.config, state.flags),
  );
}

export function registerCheck(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('check')
    .summary('run the checks, repairs and split declared in vigie.yaml')
    .description(
      'Read the dataset named in the config, apply its repair rules (writing the repaired data), run its checks ' +
        '(type, missing, not_null, range, allowed_values, regex, unique, row_count, duplicates, outliers, correlation, ' +
        'vif, drift, required_analyses), make and validate its split, and report. Each check gives pass, warn, fail or ' +
        'inconclusive with the value measured, the threshold, the method and the sample sizes. Exit code 1 when a ' +
        'check failed, 0 otherwise (warnings allowed). Config reference: docs/config.md; editor schema: ' +
        'schemas/vigie.schema.json.',
    )
    .option('-c, --config <file>', 'the config file', 'vigie.yaml')
    .option('--data <file>', 'check this file instead of the one named in the config')
    .option('--no-repair', 'do not apply the repair rules')
    .option('--no-split', 'do not make the split')
    .option(
      '--register [name]',
      'record the checked (repaired) data in the registry with its profile, check results and split (name: registry.dataset in the config)',
    );
  addReadOptions(cmd);
  addThreadsOption(cmd);
  addReportOptions(cmd);
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie check                                  uses ./vigie.yaml
  $ vigie check --config examples/quickstart/vigie.yaml --html report.html
  $ vigie check --junit results.xml              for CI systems
  $ vigie check --data new-batch.csv --json      same checks on other data
  $ vigie check --register penguins              and record the result as a dataset version`,
  );
  cmd.action(async (flags: CheckFlags, command: Command) => {
    const configPath = resolve(ctx.io.cwd, flags.config);
    const config = await readConfig(configPath);
    const baseDir = dirname(configPath);
    const registerAs = registrationName(flags.register, config);
    const progress = createProgress(ctx.io, !flags.json);
    await using db = await openSession();
    const state: RunState = { db, baseDir, config, flags, progress };
    const dataPath = flags.data ? resolve(ctx.io.cwd, flags.data) : resolveFrom(baseDir, pathOf(config.data));
    await using pool = startPool(warmProfileWorkers, flags.threads);
    let table = await loadTable(
      db,
      dataPath,
      flags,
      progress,
      readOptionsOf(flags.data ? dataPath : config.data, config, flags),
    );

    // Files are written only once every check has run: an input error found by a check (a column
    // the data lacks) must not leave a repaired file or a split behind.
    const writes: Array<() => Promise<unknown>> = [];
    let repair: Report['repair'];
    if (config.repair && flags.repair) {
      const repaired = applyRepairs(table, config.repair.rules);
      const output = resolveFrom(baseDir, config.repair.output);
      writes.push(() => writeTable(db, repaired.table, output));
      table = repaired.table;
      repair = { output, transformations: repaired.transformations as Transformation[] };
    }

    const onColumn = (d: number, t: number) => progress.update('profiling', d, t);
    const profile = await profileOn(pool, table, { seed: flags.seed ?? 0 }, onColumn);
    progress.done();
    const analyses = new Map<AnalysisName, 'pass' | 'fail'>([['profile', 'pass']]);

    let split: { result: SplitResult; parts: Record<string, Table> } | undefined;
    let splitFiles: Record<string, string> = {};
    if (config.split && flags.split) {
      const s = config.split;
      const { parts, result } = splitTable(table, {
        ratios: s.ratios,
        seed: s.seed,
        ...((s.label ?? config.label) ? { label: (s.label ?? config.label)! } : {}),
        ...(s.key ? { key: s.key } : {}),
        ...(s.group ? { group: s.group } : {}),
      });
      if (s.output) {
        const output = resolveFrom(baseDir, s.output);
        writes.push(async () => {
          splitFiles = await writeSplits(db, output, parts, result, s.format);
        });
      }
      split = { result, parts };
      analyses.set('split', result.verdicts.some((v) => v.status === 'fail') ? 'fail' : 'pass');
    }

    let hash: string | undefined;
    const checkContext = {
      table,
      loadReference: (r: DriftReference) => loadReference(state, r),
      loadProfile: (p: string) => loadProfileFile(resolveFrom(baseDir, p)),
      contentHash: () => (hash ??= profile.contentHash || tableContentHash(table)),
      analyses,
      seed: flags.seed ?? 0,
    };
    const verdicts: Verdict[] = await runChecks(config.checks, checkContext, (d, t) =>
      progress.update('checking', d, t),
    );
    progress.done();
    if (split) verdicts.push(...split.result.verdicts);

    const splitChecks: NonNullable<Report['splitChecks']> = [];
    if (split) {
      const perSplit = config.checks.filter((c) => !NOT_PER_SPLIT.has(c.check));
      for (const [name, part] of Object.entries(split.parts)) {
        if (part.rowCount === 0 || perSplit.length === 0) continue;
        splitChecks.push({
          split: name,
          rows: part.rowCount,
          verdicts: await runChecks(perSplit, { ...checkContext, table: part }),
        });
      }
    }

    const driftSections = verdicts
      .filter((v) => v.kind === 'drift' && v.details?.drift)
      .map((v) => ({
        name: v.check,
        result: v.details!.drift as NonNullable<Report['drift']>[number]['result'],
      }));
    const reports = config.reports ?? {};
    const outputs: ReportFlags = {
      ...(flags.json ? { json: true } : {}),
      ...((flags.junit ?? reports.junit)
        ? { junit: flags.junit ?? resolveFrom(baseDir, reports.junit!) }
        : {}),
      ...((flags.html ?? reports.html) ? { html: flags.html ?? resolveFrom(baseDir, reports.html!) } : {}),
    };
    const report = createReport({
      command: 'check',
      title: `Checks of ${dataPath}`,
      vigieVersion: VERSION,
      verdicts,
      dataset: {
        source: table.source ?? dataPath,
        rows: table.rowCount,
        columns: table.columns.length,
        contentHash: profile.contentHash,
      },
      profile,
      ...(driftSections.length > 0 ? { drift: driftSections } : {}),
      ...(outputs.html ? { correlation: correlationOf(table) } : {}),
      ...(split ? { split: split.result } : {}),
      ...(splitChecks.length > 0 ? { splitChecks } : {}),
      ...(repair ? { repair } : {}),
    });
    for (const write of writes) await write();
    const registered = registerAs
      ? await registerChecked(ctx, flags, config, {
          name: registerAs,
          baseDir,
          dataPath,
          file: repair?.output ?? dataPath,
          table,
          profile,
          report,
          transformations: repair?.transformations ?? [],
          ...(split ? { split: splitFromResult(split.result, splitFiles) } : {}),
        })
      : undefined;
    await emitReports(ctx.io, report, outputs);
    if (!flags.json) {
      ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
      if (outputs.html) ctx.io.stdout.write(`HTML report: ${outputs.html}\n`);
      if (outputs.junit) ctx.io.stdout.write(`JUnit report: ${outputs.junit}\n`);
      if (registered) ctx.io.stdout.write(`${registered}\n`);
    }
    if (report.status === 'fail') ctx.exitCode = EXIT_FAILED;
  });
}
