import { writeFileAtomic } from '@vigie/core/fs';
import { type DatasetProfile, mergeProfiles, warmProfileWorkers } from '@vigie/core/profile';
import { createReport, renderConsole } from '@vigie/core/report';
import { type Command, Option } from 'commander';
import { type CommandContext, VERSION } from '../context.js';
import { loadProfileFile, loadTable, openSession } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import { parsePositiveInt, type ReadFlags } from '../options.js';
import { emitReports, jsonReplacer, type ReportFlags } from '../outputs.js';
import { profileOn, startPool } from '../parallel.js';
import { createProgress } from '../progress.js';
import { addReadOptions, addReportOptions, addThreadsOption, colorFlag } from './common.js';

interface ProfileFlags extends ReadFlags, ReportFlags {
  out?: string;
  merge?: boolean;
  quantiles?: 'auto' | 'exact' | 'sketch';
  bins?: number;
  threads?: number;
}

export function registerProfile(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('profile')
    .summary('profile a dataset: counts, missing values, distributions, distinct values, duplicates')
    .description(
      'Profile a dataset (CSV, Parquet or JSON Lines; a local path or a URL DuckDB can read): per column the count, ' +
        'missing values, distinct values, mean, standard deviation (ddof 1), skewness, kurtosis, quantiles, histogram ' +
        'and top values; duplicate rows and a content hash. Save it with --out to compare later data against it ' +
        '(`vigie drift profile.json new.csv`) without keeping the reference data. With --merge, combines saved ' +
        'profiles of partitions into the profile of their union.',
    )
    .argument('<files...>', 'the data file (or, with --merge, two or more saved profiles)')
    .option('--out <file>', 'save the profile as JSON (the reference for drift)')
    .option('--merge', 'merge saved profiles (profile.json files) instead of reading data')
    .addOption(
      new Option('--quantiles <method>', 'exact quantiles up to 10M values, a KLL sketch beyond')
        .choices(['auto', 'exact', 'sketch'])
        .default('auto'),
    )
    .option('--bins <n>', 'histogram bins', parsePositiveInt, 20);
  addReadOptions(cmd);
  addThreadsOption(cmd);
  addReportOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie profile data.csv
  $ vigie profile data.parquet --json > profile.json
  $ vigie profile january.csv --out jan.profile.json && vigie profile february.csv --out feb.profile.json
  $ vigie profile --merge jan.profile.json feb.profile.json --out q1.profile.json`,
  );
  cmd.action(async (files: string[], flags: ProfileFlags, command: Command) => {
    const progress = createProgress(ctx.io, !flags.json);
    let profile: DatasetProfile;
    if (flags.merge) {
      if (files.length < 2) throw new UsageError('--merge needs at least two saved profiles');
      const profiles = await Promise.all(files.map(loadProfileFile));
      profile = profiles.slice(1).reduce(mergeProfiles, profiles[0]!);
    } else {
      if (files.length !== 1)
        throw new UsageError(
          `profile reads one data file, got ${files.length} (use --merge to combine saved profiles)`,
        );
      await using db = await openSession();
      await using pool = startPool(warmProfileWorkers, flags.threads);
      const table = await loadTable(db, files[0]!, flags, progress);
      const options = {
        quantiles: flags.quantiles ?? 'auto',
        histogramBins: flags.bins ?? 20,
        seed: flags.seed ?? 0,
      } as const;
      const onColumn = (done: number, total: number) => progress.update('profiling', done, total);
      profile = await profileOn(pool, table, options, onColumn);
      progress.done();
    }
    if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(profile, jsonReplacer)}\n`);
    const report = createReport({
      command: 'profile',
      title: `Profile of ${profile.source ?? 'merged partitions'}`,
      vigieVersion: VERSION,
      verdicts: [],
      dataset: {
        source: profile.source,
        rows: profile.rows,
        columns: profile.columns.length,
        contentHash: profile.contentHash,
      },
      profile,
    });
    await emitReports(ctx.io, report, flags, profile);
    if (!flags.json) {
      ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
      if (flags.out) ctx.io.stdout.write(`profile saved to ${flags.out}\n`);
    }
  });
}
