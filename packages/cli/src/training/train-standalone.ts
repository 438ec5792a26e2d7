import { resolve } from 'node:path';
import { writeFileAtomic } from '@vigie/core/fs';
import { type BuiltinTrainer, gbdtTrainer, type Params, trainBuiltin } from '@vigie/core/models';
import { createRandom, sampleIndices } from '@vigie/core/random';
import { sha256 } from '@vigie/core/registry';
import { filterRows, type Table } from '@vigie/core/table';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { objectArg } from '../registry/json-arg.js';

export interface StandaloneFlags {
  data?: string;
  validation?: string;
  out?: string;
  label?: string;
  trainer?: BuiltinTrainer;
  features?: string[];
  params?: string;
  seed?: number;
  json?: boolean;
}

/** A seeded 10% of the rows for early stopping, and the rest to train on. */
function holdOut(table: Table, seed: number): { train: Table; validation: Table } {
  const n = table.rowCount;
  const held = new Uint8Array(n);
  for (const i of sampleIndices(n, Math.max(1, Math.round(n * 0.1)), createRandom(seed))) held[i] = 1;
  return {
    train: filterRows(
      table,
      held.map((h) => 1 - h),
    ),
    validation: filterRows(table, held),
  };
}

/**
 * `vigie train --trainer T --data FILE --label COL --out MODEL.onnx`: a built-in learner on a file,
 * no registry: the self-contained ONNX model (feature pipeline included; one [N, 1] input per raw
 * column) is written atomically to --out.
 */
export async function trainStandalone(ctx: CommandContext, flags: StandaloneFlags): Promise<void> {
  if (!flags.trainer)
    throw new UsageError('--data trains a built-in learner: give --trainer logistic, linear or gbdt');
  if (!flags.label) throw new UsageError('--data needs --label COL');
  if (!flags.out) throw new UsageError('--data needs --out MODEL.onnx');
  const progress = createProgress(ctx.io, !flags.json);
  const seed = flags.seed ?? 0;
  await using db = await openSession();
  const data = await loadTable(db, resolve(ctx.io.cwd, flags.data!), {}, progress);
  const given = flags.validation
    ? await loadTable(db, resolve(ctx.io.cwd, flags.validation), {}, progress)
    : null;
  const { train, validation } =
    given || flags.trainer !== 'gbdt' ? { train: data, validation: given } : holdOut(data, seed);
  const params = flags.params ? (objectArg(flags.params, '--params', ctx.io.cwd) as Params) : {};
  const model = trainBuiltin(
    {
      trainer: flags.trainer,
      train,
      validation,
      label: flags.label,
      params,
      seed,
      producerVersion: `vigie ${VERSION}`,
    },
    gbdtTrainer,
  );
  const out = resolve(ctx.io.cwd, flags.out);
  await writeFileAtomic(out, model.onnx);
  const summary = {
    trainer: model.trainer,
    task: model.task,
    out: flags.out,
    sha256: sha256(model.onnx),
    rows: train.rowCount,
    validationRows: validation?.rowCount ?? 0,
    inputs: model.pipeline.columns.map((c) => ({ name: c.name, type: c.kind })),
    features: model.pipeline.features.length,
    ...(model.classes ? { classes: model.classes } : {}),
    params: model.params,
    modelType: model.modelType,
    notes: model.notes,
  };
  if (flags.json) {
    ctx.io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  ctx.io.stdout.write(
    `wrote ${flags.out}: ${model.modelType} (${model.task}${model.classes ? `, classes ${model.classes.join(', ')}` : ''}) ` +
      `trained on ${train.rowCount} rows${validation ? ` (${validation.rowCount} for early stopping)` : ''}, ` +
      `inputs ${summary.inputs.map((i) => i.name).join(', ')}; sha256:${summary.sha256.slice(0, 12)}…\n` +
      (model.pipeline.dropped.length
        ? `left out: ${model.pipeline.dropped.map((d) => `${d.name} (${d.reason})`).join(', ')}\n`
        : ''),
  );
}
