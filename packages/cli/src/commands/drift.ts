import { type Correction, type DriftMethodChoice, warmDriftWorkers } from '@vigie/core/drift';
import { type DatasetProfile, profileTable } from '@vigie/core/profile';
import { createReport, renderConsole } from '@vigie/core/report';
import type { Table } from '@vigie/core/table';
import type { Verdict } from '@vigie/core/verdict';
import { type Command, Option } from 'commander';
import { type CommandContext, VERSION } from '../context.js';
import { isProfileFile, loadProfileFile, loadTable, openSession } from '../data.js';
import { EXIT_FAILED } from '../exit-codes.js';
import { useColor } from '../io.js';
import { parseList, parseNumber, parseShare, type ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { driftOn, startPool } from '../parallel.js';
import { createProgress } from '../progress.js';
import { addReadOptions, addReportOptions, addThreadsOption, colorFlag } from './common.js';

interface DriftFlags extends ReadFlags, ReportFlags {
  method: DriftMethodChoice;
  threshold?: number;
  correction: Correction;
  share: number;
  columns?: string[];
  threads?: number;
}

function isProfile(d: Table | DatasetProfile): d is DatasetProfile {
  return (d as DatasetProfile).kind === 'vigie.profile';
}

export function registerDrift(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('drift')
    .summary('compare the distribution of each column of two datasets')
    .description(
      'Compare CURRENT with REFERENCE column by column (REFERENCE may be a saved profile from `vigie profile --out`). ' +
        'By default (--method auto): numeric columns with a reference of at most 1,000 rows get the two-sample ' +
        'Kolmogorov-Smirnov test, larger ones the Wasserstein distance in reference standard deviations (drift at 0.1); ' +
        'categorical columns (or numeric ones with at most 5 distinct values) get the chi-square test, or the ' +
        'Jensen-Shannon distance (base 2, drift at 0.1) above 1,000 rows. p-values are corrected across columns ' +
        '(Benjamini-Hochberg). Fewer than 30 values on a side is inconclusive. The dataset drifts when at least half ' +
        'of the compared columns drift; then the exit code is 1. Details: docs/drift.md.',
    )
    .argument('<reference>', 'reference data file, or a saved profile (.json)')
    .argument('<current>', 'current data file')
    .addOption(
      new Option('--method <method>', 'method for every column')
        .choices(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare'])
        .default('auto'),
    )
    .option(
      '--threshold <x>',
      "drift threshold (significance level for ks/chisquare, distance otherwise); default: the method's",
      parseNumber,
    )
    .addOption(
      new Option('--correction <method>', 'multiple-testing correction of p-values across columns')
        .choices(['fdr_bh', 'holm', 'bonferroni', 'none'])
        .default('fdr_bh'),
    )
    .option('--share <x>', 'dataset drift when at least this share of columns drifted', parseShare, 0.5)
    .option(
      '--columns <a,b,...>',
      'columns to compare (default: all but ids, free text and datetimes)',
      parseList,
    );
  addReadOptions(cmd);
  addThreadsOption(cmd);
  addReportOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie drift reference.csv current.csv
  $ vigie drift reference.csv current.csv --method ks --json
  $ vigie profile reference.csv --out reference.profile.json
  $ vigie drift reference.profile.json current.parquet --html drift.html`,
  );
  cmd.action(async (referencePath: string, currentPath: string, flags: DriftFlags, command: Command) => {
    const progress = createProgress(ctx.io, !flags.json);
    await using db = await openSession();
    const referenceIsProfile = await isProfileFile(referencePath);
    // Two raw tables are sorted column by column, the costly part; a saved profile needs no threads.
    await using pool = referenceIsProfile ? undefined : startPool(warmDriftWorkers, flags.threads);
    const reference: Table | DatasetProfile = referenceIsProfile
      ? await loadProfileFile(referencePath)
      : await loadTable(db, referencePath, flags, progress);
    const current = await loadTable(db, currentPath, flags, progress);
    const options = {
      method: flags.method,
      ...(flags.threshold === undefined ? {} : { threshold: flags.threshold }),
      correction: flags.correction,
      datasetShare: flags.share,
      ...(flags.columns ? { columns: flags.columns } : {}),
    };
    const result = await driftOn(pool, reference, current, options);
    const d = result.datasetDrift;
    // The dataset verdict gates (exit code 1 on dataset drift); a drifted column alone is a warning.
    const verdicts: Verdict[] = result.columns.map((c) => ({
      status: c.status === 'fail' ? 'warn' : c.status,
      check: `drift:${c.name}`,
      kind: 'drift',
      subject: c.name,
      method: c.method,
      value: c.pvalueAdjusted ?? c.statistic,
      threshold: c.threshold,
      comparison: c.pvalue === null ? '<' : '>=',
      sampleSizes: { reference: c.referenceSize, current: c.currentSize },
      reason: c.reason,
    }));
    verdicts.push({
      status: d.evaluatedColumns === 0 ? 'inconclusive' : d.drift ? 'fail' : 'pass',
      check: 'drift:dataset',
      kind: 'drift',
      method: 'share of drifted columns',
      value: d.share,
      threshold: d.threshold,
      comparison: '<',
      sampleSizes: { reference: result.reference.rows, current: result.current.rows },
      reason: `${d.driftedColumns} of ${d.evaluatedColumns} columns drifted`,
    });
    const report = createReport({
      command: 'drift',
      title: `Drift of ${currentPath} against ${referencePath}`,
      vigieVersion: VERSION,
      verdicts,
      dataset: {
        source: current.source ?? currentPath,
        rows: current.rowCount,
        columns: current.columns.length,
        contentHash: '',
      },
      drift: [
        {
          name: 'drift',
          result,
          // Profiles only feed the HTML plots; skip their cost otherwise.
          ...(flags.html
            ? {
                reference: isProfile(reference) ? reference : profileTable(reference),
                current: profileTable(current),
              }
            : {}),
        },
      ],
    });
    await emitReports(ctx.io, report, flags, result);
    if (!flags.json)
      ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
    if (d.drift) ctx.exitCode = EXIT_FAILED;
  });
}
