import { resolve } from 'node:path';
import { parseSignature } from '@vigie/core/models';
import { writeTable } from '@vigie/core/table';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { loadTable, openSession, resolveFrom } from '../data.js';
import { collectType, parsePositiveInt, parseSize, type ReadFlags } from '../options.js';
import { type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { checkIdColumn, predictionsTable } from '../predict/predictions-table.js';
import { createProgress } from '../progress.js';
import { jsonArg } from '../registry/json-arg.js';
import { addRegistryOptions } from '../registry/open.js';

interface PredictFlags extends ModelFlags, Omit<ReadFlags, 'format'> {
  model: string;
  data: string;
  out: string;
  format?: 'csv' | 'parquet';
  dataFormat?: ReadFlags['format'];
  id?: string;
  signature?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPredict(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('predict')
    .summary('run a model on a dataset and write one prediction per row')
    .description(
      'Run a model on every row of a dataset and write the predictions: the --id column (when given), the ' +
        'predicted label (classifiers) or value (regressors), and one probability column per class named ' +
        'proba_<class>. The model is an ONNX file, a registered model version (NAME@VERSION or NAME@ALIAS, its ' +
        'artifact verified against its hash and run with its stored signature), or a model server URL ' +
        '(--protocol vigie, kserve-v2 or mlflow). Every output is checked (known classes, probabilities summing ' +
        'to 1, finite values) and the file appears only once complete. Details: docs/models.md.',
    )
    .requiredOption('--model <file|ref|url>', 'an .onnx file, NAME@VERSION / NAME@ALIAS, or http(s)://...')
    .requiredOption('--data <file>', 'the rows to predict (CSV, Parquet or JSON Lines)')
    .requiredOption('--out <file>', 'where to write the predictions')
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: from the --out extension, CSV otherwise)',
      ).choices(['csv', 'parquet']),
    )
    .option('--id <column>', 'a column of the data copied to the output, to join the predictions back')
    .option(
      '--signature <json|file>',
      'declare or complete the signature: {"task", "inputs": [{"name", "type"}], "outputs", "classes"}',
    )
    .addOption(
      new Option('--protocol <name>', 'the protocol of a model server URL (default: vigie)').choices([
        'vigie',
        'kserve-v2',
        'mlflow',
      ]),
    )
    .option('--header <"Name: value">', 'an HTTP header for a model server (repeatable)', collect)
    .option('--timeout <ms>', 'per request to a model server (default 30000)', parsePositiveInt)
    .option('--input-tensor <name>', 'kserve-v2: send the inputs as one [N, F] FP32 tensor of this name')
    .option(
      '--batch-rows <n>',
      'rows per model call (default 65536 for ONNX, 1000 per HTTP request)',
      parsePositiveInt,
    )
    .option('--threads <n>', "ONNX Runtime's threads (default: the machine's cores)", parsePositiveInt)
    .addOption(
      new Option('--data-format <format>', 'format of --data (default: from the extension)').choices([
        'csv',
        'parquet',
        'json',
      ]),
    )
    .option('--delimiter <char>', 'CSV delimiter of --data (default: detected)')
    .option('--type <column=type>', 'override an inferred column type of --data (repeatable)', collectType)
    .option('--max-memory <size>', 'refuse data needing more memory than this once loaded', parseSize)
    .option('--json', 'print {"model", "rows", "out", "task", "classes", ...} on stdout');
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie predict --model model.onnx --data new.csv --out predictions.csv
  $ vigie predict --model penguin-clf@champion --data penguins.parquet --out scored.parquet --id penguin_id
  $ vigie predict --model logreg.onnx --data new.csv --out p.csv \\
      --signature '{"inputs": [{"name": "bill_length_mm", "type": "numeric"}, {"name": "bill_depth_mm", "type": "numeric"}]}'
  $ vigie predict --model http://127.0.0.1:8080/v2/models/penguins --protocol kserve-v2 \\
      --signature signature.json --data new.csv --out p.csv

A model with one [N, F] input needs its feature columns in order: from a "vigie.signature" entry of
the ONNX file's metadata, the signature stored in the registry, or --signature. A model server needs
the task and, for a classifier, the classes.`,
  );
  cmd.action(async (flags: PredictFlags) => {
    const cwd = ctx.io.cwd;
    const started = performance.now();
    const arg = parseModelArg(flags.model, cwd);
    const declared = flags.signature
      ? parseSignature(jsonArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const out = resolve(cwd, flags.out);
    const progress = createProgress(ctx.io, !flags.json);
    const { runtime, name } = await openModelArg(ctx, arg, declared, flags);
    await using model = runtime;
    await using db = await openSession();
    const data = await loadTable(
      db,
      resolveFrom(cwd, flags.data),
      { ...flags, format: flags.dataFormat },
      progress,
    );
    if (flags.id) checkIdColumn(data, flags.id, model.signature);
    const predictions = await model.predict(data, {
      onProgress: (done, total) => progress.update('predicting', done, total),
    });
    progress.done();
    const table = predictionsTable(data, predictions, flags.id);
    const format = flags.format ?? (/\.parquet$/i.test(out) ? 'parquet' : 'csv');
    await writeTable(db, table, out, { format });
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) {
      const summary = {
        model: name,
        format: model.format,
        task: predictions.task,
        rows: predictions.rows,
        ...(predictions.classes ? { classes: predictions.classes } : {}),
        probabilities: predictions.probabilities !== undefined,
        columns: table.columns.map((c) => c.name),
        out: flags.out,
        outputFormat: format,
        seconds: Number(seconds.toFixed(3)),
      };
      return void ctx.io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    }
    const what =
      predictions.task === 'regression'
        ? 'values'
        : `labels${predictions.probabilities ? ` and probabilities of ${predictions.classes!.length} classes` : ''}`;
    ctx.io.stdout.write(
      `wrote ${predictions.rows} predictions (${what}) to ${flags.out} in ${seconds.toFixed(1)} s; model ${name}\n`,
    );
  });
}
