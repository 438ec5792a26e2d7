import { Command, CommanderError } from 'commander';
import { registerAliasCommands } from './commands/alias.js';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerDatasetCommands } from './commands/dataset.js';
import { registerDrift } from './commands/drift.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExplain } from './commands/explain.js';
import { registerFlywheel } from './commands/flywheel.js';
import { registerLineageCommands } from './commands/lineage.js';
import { registerModelCommands } from './commands/model.js';
import { registerPredict } from './commands/predict.js';
import { registerProfile } from './commands/profile.js';
import { registerRelease } from './commands/release.js';
import { registerServe } from './commands/serve.js';
import { registerServer } from './commands/server.js';
import { registerSplit } from './commands/split.js';
import { registerTestIntegration } from './commands/test-integration.js';
import { registerTrain } from './commands/train.js';
import { type CommandContext, VERSION } from './context.js';
import { EXIT_OK, EXIT_USAGE, formatError, isExpectedError } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';

function buildProgram(ctx: CommandContext): Command {
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
  registerProfile(program, ctx);
  registerCheck(program, ctx);
  registerDrift(program, ctx);
  registerSplit(program, ctx);
  registerTrain(program, ctx);
  registerEvaluate(program, ctx);
  registerCompare(program, ctx);
  registerExplain(program, ctx);
  registerPredict(program, ctx);
  registerDatasetCommands(program, ctx);
  registerModelCommands(program, ctx);
  registerAliasCommands(program, ctx);
  registerLineageCommands(program, ctx);
  registerServer(program, ctx);
  registerRelease(program, ctx);
  registerServe(program, ctx);
  registerTestIntegration(program, ctx);
  registerFlywheel(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT_OK, debug: argv.includes('--debug') };
  const program = buildProgram(ctx);
  try {
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
