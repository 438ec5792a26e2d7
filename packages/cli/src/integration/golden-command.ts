import { resolve } from 'node:path';
import { writeFileAtomic } from '@vigie/core/fs';
import { parseSignature } from '@vigie/core/models';
import { createReport } from '@vigie/core/report';
import { getColumn } from '@vigie/core/table';
import {
  buildGoldenSet,
  checkGoldenSet,
  checkInferenceShape,
  goldenVerdicts,
  parseGoldenSet,
} from '@vigie/core/testing';
import type { Command } from 'commander';
import { addReportOptions, colorFlag } from '../commands/common.js';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession, resolveFrom } from '../data.js';
import { EXIT_FAILED } from '../exit-codes.js';
import { useColor } from '../io.js';
import { parseNumber, parsePositiveInt } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { createProgress } from '../progress.js';
import { readTextFile } from '../read-text.js';
import { jsonArg } from '../registry/json-arg.js';
import { addRegistryOptions } from '../registry/open.js';
import { renderIntegration } from './render.js';

interface GoldenFlags extends ModelFlags, ReportFlags {
  model: string;
  data?: string;
  out?: string;
  golden?: string;
  label?: string;
  exclude?: string[];
  perClass?: number;
  buckets?: number;
  tolerance?: number;
  signature?: string;
  latencyBudget?: number;
  seed?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function addModelOptions(cmd: Command): Command {
  cmd
    .requiredOption(
      '--model <file|ref|url>',
      'an .onnx file, NAME@VERSION / NAME@ALIAS, or a model server URL',
    )
    .option('--signature <json|file>', 'declare or complete the model signature')
    .option(
      '--protocol <name>',
      'the protocol of a model server URL (vigie, kserve-v2, mlflow; default vigie)',
    )
    .option('--timeout <ms>', 'per request to a model server', parsePositiveInt);
  addRegistryOptions(cmd);
  return cmd;
}

/** `vigie test-integration golden build|check`: inputs that trigger each class, kept and re-checked. */
export function registerGoldenCommands(parent: Command, ctx: CommandContext): void {
  const golden = parent
    .command('golden')
    .summary('short-circuits: inputs that trigger each class (or bucket), stored and re-checked')
    .description(
      'build: for each class of the model, the real rows of --data it predicts as that class with the highest ' +
        'probability (or, for a class no row reaches, inputs found by searching the feature space); for a ' +
        'regression, equal-count buckets of its predictions. Written as a golden set (JSON). check: the model ' +
        'must still give every golden answer (same label, probabilities within the tolerance) and reach every class.',
    );
  const build = addModelOptions(
    golden
      .command('build')
      .summary('find inputs that trigger each class and write them as a golden set')
      .description(
        'For each class of the model, the real rows of --data it predicts as that class with the highest ' +
          'probability; a class no row reaches is searched for in the feature space (one feature at a time over ' +
          'its observed values). A regression gets equal-count buckets of its predictions and, per bucket, the ' +
          'rows predicted nearest its centre. Writes the golden set (JSON) and checks it once. Details: ' +
          'docs/integration-testing.md.',
      )
      .requiredOption('--data <file>', 'real rows to pick the inputs from')
      .requiredOption('--out <file>', 'the golden set to write (JSON)')
      .option('--label <column>', 'a column of --data left out of the inputs')
      .option('--exclude <column>', 'another column left out (repeatable)', collect)
      .option('--per-class <n>', 'inputs per class or bucket (default 3)', parsePositiveInt)
      .option('--buckets <n>', 'regression: buckets of the predictions (default 5)', parsePositiveInt)
      .option(
        '--tolerance <p>',
        'how far a probability may move before check fails (default 1e-4)',
        parseNumber,
      )
      .option(
        '--latency-budget <ms>',
        'also check the shape of the inferences on --data, and this latency per call',
        parseNumber,
      )
      .option('--seed <n>', 'seed of the feature-space search', parsePositiveInt),
  );
  addReportOptions(build);
  build.action(async (flags: GoldenFlags, command: Command) => {
    const cwd = ctx.io.cwd;
    const progress = createProgress(ctx.io, !flags.json);
    const arg = parseModelArg(flags.model, cwd);
    const declared = flags.signature
      ? parseSignature(jsonArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const { runtime, name } = await openModelArg(ctx, arg, declared, flags);
    await using model = runtime;
    await using db = await openSession();
    const data = await loadTable(db, resolveFrom(cwd, flags.data!), {}, progress);
    const exclude = [...(flags.exclude ?? []), ...(flags.label ? [flags.label] : [])];
    for (const c of exclude) getColumn(data, c);
    const set = await buildGoldenSet(model, data, {
      model: name,
      exclude,
      ...(flags.perClass !== undefined ? { perTarget: flags.perClass } : {}),
      ...(flags.buckets !== undefined ? { buckets: flags.buckets } : {}),
      ...(flags.tolerance !== undefined
        ? { tolerance: { probability: flags.tolerance, relative: flags.tolerance } }
        : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    });
    await writeFileAtomic(resolve(cwd, flags.out!), `${JSON.stringify(set, null, 2)}\n`);
    const check = await checkGoldenSet(model, set);
    const verdicts = goldenVerdicts(check, name);
    if (flags.latencyBudget !== undefined) {
      const names = set.inputs.map((i) => i.name);
      const shape = await checkInferenceShape(
        model,
        { ...data, columns: data.columns.filter((c) => names.includes(c.name)) },
        {
          latencyBudgetMs: flags.latencyBudget,
        },
      );
      verdicts.push(...shape.verdicts);
    }
    const targets = set.classes?.length ?? set.buckets?.length ?? 0;
    const header = `golden build · ${name} · ${set.cases.length} inputs for ${targets - set.unreachable.length} of ${targets} ${set.task === 'regression' ? 'buckets' : 'classes'} → ${flags.out}`;
    const report = createReport({
      command: 'test-integration',
      title: `vigie test-integration ${header}`,
      vigieVersion: VERSION,
      verdicts,
    });
    await emitReports(ctx.io, report, flags, {
      ...report,
      golden: { out: flags.out, cases: set.cases.length, unreachable: set.unreachable },
    });
    if (!flags.json)
      ctx.io.stdout.write(renderIntegration(report, header, useColor(ctx.io, colorFlag(command))));
    if (report.counts.fail > 0) ctx.exitCode = EXIT_FAILED;
  });
  const check = addModelOptions(
    golden
      .command('check')
      .summary('run the model on a golden set: same answers, every class still reachable')
      .description(
        'Runs the model on the inputs of a golden set: each must give its golden label (probabilities within ' +
          "the set's tolerance, values within absolute + relative·|value|), and every class or bucket must still " +
          'be reached by one of its inputs. Exit 1 naming what moved, 0 otherwise.',
      )
      .requiredOption('--golden <file>', 'the golden set written by golden build'),
  );
  addReportOptions(check);
  check.action(async (flags: GoldenFlags, command: Command) => {
    const cwd = ctx.io.cwd;
    const path = resolve(cwd, flags.golden!);
    const text = await readTextFile(path, 'golden set', `--golden ${flags.golden}`);
    const set = parseGoldenSet(text, flags.golden!);
    const declared = flags.signature
      ? parseSignature(jsonArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const { runtime, name } = await openModelArg(ctx, parseModelArg(flags.model, cwd), declared, flags);
    await using model = runtime;
    const result = await checkGoldenSet(model, set);
    const verdicts = goldenVerdicts(result, name);
    const header = `golden check · ${name} · ${set.cases.length} inputs from ${flags.golden}`;
    const report = createReport({
      command: 'test-integration',
      title: `vigie test-integration ${header}`,
      vigieVersion: VERSION,
      verdicts,
    });
    await emitReports(ctx.io, report, flags, { ...report, golden: result });
    if (!flags.json)
      ctx.io.stdout.write(renderIntegration(report, header, useColor(ctx.io, colorFlag(command))));
    if (report.counts.fail > 0) ctx.exitCode = EXIT_FAILED;
  });
}
