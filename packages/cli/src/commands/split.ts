import { createReport, renderConsole } from '@vigie/core/report';
import { type Ratios, splitTable } from '@vigie/core/split';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession } from '../data.js';
import { EXIT_FAILED } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { createProgress } from '../progress.js';
import { writeSplits } from '../write-splits.js';
import { addReadOptions, addReportOptions, colorFlag } from './common.js';

interface SplitFlags extends ReadFlags, ReportFlags {
  label?: string;
  key?: string;
  group?: string;
  ratios: Ratios;
  out: string;
  outputFormat: 'csv' | 'parquet';
}

function parseRatios(value: string): Ratios {
  const parts = value.split(/[,/:]/).map(Number);
  if (parts.length !== 3 || parts.some((x) => !(x >= 0)))
    throw new InvalidArgumentError(`expected three shares such as 0.8,0.1,0.1 or 80,10,10, got "${value}"`);
  const sum = parts[0]! + parts[1]! + parts[2]!;
  if (sum <= 0) throw new InvalidArgumentError('the shares sum to 0');
  // Accept percentages (80,10,10) as well as shares.
  return { train: parts[0]! / sum, validation: parts[1]! / sum, test: parts[2]! / sum };
}

export function registerSplit(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('split')
    .summary('split a dataset into train / validation / test, stratified, reproducible, checked for leakage')
    .description(
      'Split FILE into train, validation and test files (80/10/10 by default) in --out. Stratified by --label (each ' +
        "class within one row of its share), deterministic for --seed. With --key, the hash of each row's key decides its " +
        'split, so rows keep their split when data is appended; with --group, all rows of a group land in one split. ' +
        'Then each split is compared with the rest of the data (representativeness), and leakage is looked for: ' +
        'identical rows, shared keys, groups or ids across splits. Exit code 1 when leakage or a badly stratified ' +
        'split is found. split.json records the sizes, membership hashes and findings.',
    )
    .argument('<file>', 'the data file')
    .option('--label <column>', 'stratify by this column (the target)')
    .option('--key <column>', 'row key whose hash decides membership (stable when rows are appended)')
    .option('--group <column>', 'entity column: all rows of a group in the same split')
    .option('--ratios <train,validation,test>', 'shares of the splits', parseRatios, {
      train: 0.8,
      validation: 0.1,
      test: 0.1,
    })
    .requiredOption('--out <dir>', 'folder for train/validation/test files and split.json')
    .addOption(
      new Option('--output-format <format>', 'format of the split files')
        .choices(['csv', 'parquet'])
        .default('csv'),
    );
  addReadOptions(cmd);
  addReportOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie split penguins.csv --label species --out splits
  $ vigie split events.parquet --label clicked --key event_id --seed 7 --out splits --output-format parquet
  $ vigie split visits.csv --label outcome --group patient_id --ratios 70,15,15 --out splits --json`,
  );
  cmd.action(async (file: string, flags: SplitFlags, command: Command) => {
    const progress = createProgress(ctx.io, !flags.json);
    await using db = await openSession();
    const table = await loadTable(db, file, flags, progress);
    const { parts, result } = splitTable(table, {
      ratios: flags.ratios,
      ...(flags.label ? { label: flags.label } : {}),
      ...(flags.key ? { key: flags.key } : {}),
      ...(flags.group ? { group: flags.group } : {}),
      seed: flags.seed ?? 42,
    });
    const files = await writeSplits(db, flags.out, parts, result, flags.outputFormat);
    const report = createReport({
      command: 'split',
      title: `Split of ${file}`,
      vigieVersion: VERSION,
      verdicts: result.verdicts,
      dataset: {
        source: table.source ?? file,
        rows: table.rowCount,
        columns: table.columns.length,
        contentHash: '',
      },
      split: result,
    });
    await emitReports(ctx.io, report, flags, { ...result, files });
    if (!flags.json) {
      ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
      ctx.io.stdout.write(`wrote ${Object.values(files).join(', ')} and ${flags.out}/split.json\n`);
    }
    if (report.status === 'fail') ctx.exitCode = EXIT_FAILED;
  });
}
