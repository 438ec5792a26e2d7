import { resolve } from 'node:path';
import { writeFileAtomic } from '@vigie/core/fs';
import { fitFakeModel } from '@vigie/core/testing';
import { type Command, Option } from 'commander';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession, resolveFrom } from '../data.js';
import { parseList } from '../options.js';
import { createProgress } from '../progress.js';

interface FakeFlags {
  data: string;
  label: string;
  out: string;
  trainer?: 'logistic' | 'linear' | 'gbdt';
  features?: string[];
  json?: boolean;
}

/** `vigie test-integration fake`: a tiny model fitted on fixture data, written as ONNX for `vigie serve`. */
export function registerFakeCommand(parent: Command, ctx: CommandContext): void {
  parent
    .command('fake')
    .summary(
      'fit a tiny stand-in model on fixture data and write it as ONNX (to serve instead of the heavy model)',
    )
    .description(
      'Fits a logistic (classification), linear (regression) or small boosted-trees model on --data in milliseconds, deterministic, ' +
        'and writes it as one ONNX file taking the raw columns, its signature in the metadata: serve it with ' +
        '`vigie serve --model NAME=fake.onnx` or predict with it wherever the real model would go. Constant, echo ' +
        'and rule fakes are in the library (@vigie/core/testing createFakeModel). Details: docs/integration-testing.md.',
    )
    .requiredOption('--data <file>', 'the fixture rows to fit on')
    .requiredOption('--label <column>', 'the column to predict')
    .requiredOption('--out <file>', 'the ONNX file to write')
    .addOption(
      new Option(
        '--trainer <name>',
        'logistic (default), linear (regression) or gbdt (20 small trees)',
      ).choices(['logistic', 'linear', 'gbdt']),
    )
    .option(
      '--features <a,b,...>',
      'the input columns (default: every usable column but the label)',
      parseList,
    )
    .option('--json', 'print {"out", "task", "classes", "inputs"} on stdout')
    .action(async (flags: FakeFlags) => {
      const cwd = ctx.io.cwd;
      await using db = await openSession();
      const data = await loadTable(db, resolveFrom(cwd, flags.data), {}, createProgress(ctx.io, !flags.json));
      const fake = fitFakeModel(data, {
        label: flags.label,
        trainer: flags.trainer ?? 'logistic',
        ...(flags.features ? { features: flags.features } : {}),
        producerVersion: VERSION,
      });
      await writeFileAtomic(resolve(cwd, flags.out), fake.onnx);
      const summary = {
        out: flags.out,
        task: fake.signature.task,
        ...(fake.signature.classes ? { classes: fake.signature.classes } : {}),
        inputs: fake.signature.inputs.map((i) => i.name),
        bytes: fake.onnx.length,
      };
      if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      ctx.io.stdout.write(
        `wrote a fake ${summary.task} model (${flags.trainer ?? 'logistic'} on ${summary.inputs.join(', ')}) to ${flags.out}, ${summary.bytes} bytes\n`,
      );
    });
}
