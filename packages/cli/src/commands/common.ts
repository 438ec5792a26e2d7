import { type Command, Option } from 'commander';
import { collectType, parseInteger, parsePositiveInt, parseSize } from '../options.js';

/** Adds the options every data-reading command shares. */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices([
        'csv',
        'parquet',
        'json',
      ]),
    )
    .option('--delimiter <char>', 'CSV delimiter (default: detected from the header)')
    .addOption(new Option('--encoding <name>', 'CSV text encoding').choices(['utf-8', 'latin-1', 'utf-16']))
    .option(
      '--type <column=type>',
      'override an inferred column type (repeatable): numeric, integer, boolean, categorical, datetime, text, id',
      collectType,
    )
    .option('--sample <rows>', 'read a seeded uniform sample of this many rows', parsePositiveInt)
    .option('--seed <n>', 'seed for sampling and randomized methods', parseInteger)
    .option(
      '--max-memory <size>',
      'refuse data needing more memory than this once loaded (default: half of RAM)',
      parseSize,
    );
}

/** Adds --threads, for commands that profile or compare large tables. */
export function addThreadsOption(cmd: Command): Command {
  return cmd.option(
    '--threads <n>',
    'worker threads for the numeric columns (default 1; more pays on machines with 4+ cores and large data)',
    parsePositiveInt,
  );
}

/** Adds --json, --junit and --html. */
export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print the machine-readable result on stdout (and nothing else)')
    .option('--junit <file>', 'write a JUnit XML report (one test case per check)')
    .option('--html <file>', 'write a self-contained HTML report');
}

/** The global --no-color flag, read from the command's parents. */
export function colorFlag(command: Command): boolean | undefined {
  return (command.optsWithGlobals() as { color?: boolean }).color;
}
