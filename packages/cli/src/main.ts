import { Command, CommanderError } from 'commander';
import { type CommandContext, VERSION } from './context.js';
import { EXIT_OK, EXIT_USAGE, formatError, isExpectedError } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * The top-level commands, in the order the help lists them, with the module that defines each.
 * A command's module (and the libraries it needs: DuckDB, ONNX Runtime, the server...) is loaded
 * only when that command runs, or for the full help: `vigie profile` starts in about 0.5 s
 * instead of 1.1 s with everything loaded.
 */
export const COMMAND_MODULES: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['profile'], load: async () => (await import('./commands/profile.js')).registerProfile },
  { names: ['check'], load: async () => (await import('./commands/check.js')).registerCheck },
  { names: ['drift'], load: async () => (await import('./commands/drift.js')).registerDrift },
  { names: ['split'], load: async () => (await import('./commands/split.js')).registerSplit },
  { names: ['train'], load: async () => (await import('./commands/train.js')).registerTrain },
  { names: ['evaluate'], load: async () => (await import('./commands/evaluate.js')).registerEvaluate },
  { names: ['compare'], load: async () => (await import('./commands/compare.js')).registerCompare },
  { names: ['explain'], load: async () => (await import('./commands/explain.js')).registerExplain },
  { names: ['predict'], load: async () => (await import('./commands/predict.js')).registerPredict },
  {
    names: ['dataset'],
    load: async () => (await import('./commands/dataset.js')).registerDatasetCommands,
  },
  { names: ['model'], load: async () => (await import('./commands/model.js')).registerModelCommands },
  { names: ['alias'], load: async () => (await import('./commands/alias.js')).registerAliasCommands },
  {
    names: ['lineage', 'impact', 'events'],
    load: async () => (await import('./commands/lineage.js')).registerLineageCommands,
  },
  { names: ['server'], load: async () => (await import('./commands/server.js')).registerServer },
  { names: ['release'], load: async () => (await import('./commands/release.js')).registerRelease },
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  {
    names: ['test-integration'],
    load: async () => (await import('./commands/test-integration.js')).registerTestIntegration,
  },
  { names: ['flywheel'], load: async () => (await import('./commands/flywheel.js')).registerFlywheel },
];

/**
 * The modules of the command `argv` runs (its first word that is not an option: the global
 * options take no value), none for the version, or all of them when it names none (help, an
 * unknown command).
 */
function modulesFor(argv: readonly string[]): typeof COMMAND_MODULES {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined && (argv.includes('-V') || argv.includes('--version'))) return [];
  const named = COMMAND_MODULES.filter((m) => word !== undefined && m.names.includes(word));
  return named.length > 0 ? named : COMMAND_MODULES;
}

async function buildProgram(ctx: CommandContext, argv: readonly string[]): Promise<Command> {
  const program = new Command('vigie')
    .description('Make services that use machine learning testable and safe to run.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces and internal details on errors')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      outputError: (s, write) => write(`vigie: error: ${s.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      `
Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage or input error
(or an unknown reference, an integrity failure or an operation the registry refused).

Examples:
  $ vigie profile data.csv                      profile a dataset
  $ vigie check --config vigie.yaml             run the checks declared in vigie.yaml
  $ vigie drift reference.csv current.csv       compare two datasets
  $ vigie split data.csv --label y --out splits train/validation/test files
  $ vigie check --register penguins             record the checked data in the registry
  $ vigie lineage penguin-clf@champion --up     what a model was made from
  $ vigie server                                share the registry over HTTP`,
    );
  for (const module of modulesFor(argv)) (await module.load())(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT_OK, debug: argv.includes('--debug') };
  try {
    const program = await buildProgram(ctx, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr.write(formatError(error, ctx.debug));
    if (!isExpectedError(error) && !ctx.debug) {
      io.stderr.write(
        'vigie: this looks like a bug in Vigie; run again with --debug for details and report it\n',
      );
    }
    return EXIT_USAGE;
  }
}
