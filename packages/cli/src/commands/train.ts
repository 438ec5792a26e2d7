import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { MetricName, TrainingConfig, VigieConfig } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';
import {
  BUILTIN_TRAINERS,
  type BuiltinTrainer,
  gridCandidates,
  openModel,
  type Params,
  parseSearchSpace,
  randomCandidates,
} from '@vigie/core/models';
import {
  type DatasetVersion,
  type ModelSignatureRecord,
  parseRef,
  putBytes,
  putFile,
  type Registry,
  writeBlobTo,
} from '@vigie/core/registry';
import { createStyle, renderVerdicts } from '@vigie/core/report';
import { readTable, type SemanticType, type Table } from '@vigie/core/table';
import { worstStatus } from '@vigie/core/verdict';
import { type Command, Option } from 'commander';
import { readConfig } from '../config.js';
import { type CommandContext, VERSION } from '../context.js';
import { openSession } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import { jsonReplacer } from '../outputs.js';
import { codeRefOf } from '../registry/code-ref.js';
import { objectArg } from '../registry/json-arg.js';
import {
  actorOf,
  addRegistryOptions,
  openCliRegistry,
  policyOf,
  type RegistryFlags,
} from '../registry/open.js';
import { runBuiltinTrial } from '../training/builtin-trial.js';
import { diagnose } from '../training/diagnose.js';
import { runTrial, type TrialOutcome } from '../training/run-trial.js';
import { higherIsBetter, type SplitScores, scoreModel } from '../training/score.js';
import { type StandaloneFlags, trainStandalone } from '../training/train-standalone.js';

interface TrainFlags extends RegistryFlags, StandaloneFlags {
  config?: string;
  command?: string;
  trainer?: BuiltinTrainer;
  workDir?: string;
  features?: string[];
  model?: string;
  dataset?: string;
  label?: string;
  params?: string;
  search?: 'grid' | 'random';
  space?: string;
  trials?: number;
  metric?: string;
  seed?: number;
  type?: string;
  timeout?: number;
  diagnose?: boolean;
  json?: boolean;
}

interface Plan {
  /** An external command, or a built-in learner. */
  command: string | null;
  trainer: BuiltinTrainer | null;
  /** Built-in learners: the columns to learn from. */
  features: string[] | null;
  /** Where the command runs: the config's folder when it comes from vigie.yaml (paths there are relative to it). */
  cwd: string;
  model: string;
  type: string;
  dataset: string;
  label: string;
  params: Params;
  search: {
    method: 'grid' | 'random';
    space: Record<string, unknown>;
    trials: number;
    metric: MetricName;
    seed: number;
  } | null;
  timeoutMs: number;
}

async function planOf(
  ctx: CommandContext,
  flags: TrainFlags,
  config: VigieConfig | undefined,
  configDir: string,
): Promise<Plan> {
  const t: Partial<TrainingConfig> = config?.training ?? {};
  const trainer = flags.trainer ?? (flags.command ? undefined : t.trainer);
  const command = trainer ? undefined : (flags.command ?? t.command);
  if (!command && !trainer)
    throw new UsageError(
      'no way to train: give --trainer, --command, or training.trainer / training.command in vigie.yaml',
    );
  const model = flags.model ?? t.model;
  if (!model) throw new UsageError('no model name: give --model or training.model in vigie.yaml');
  const dataset = flags.dataset ?? config?.registry?.dataset;
  if (!dataset)
    throw new UsageError('no dataset: give --dataset NAME@VERSION or registry.dataset in vigie.yaml');
  const label = flags.label ?? config?.split?.label ?? config?.label;
  if (!label) throw new UsageError('no label column: give --label or label in vigie.yaml');
  const params: Params = {
    ...(t.params ?? {}),
    ...(flags.params ? (objectArg(flags.params, '--params', ctx.io.cwd) as Params) : {}),
  };
  const method = flags.search ?? t.search?.method;
  let search: Plan['search'] = null;
  if (method) {
    const space = flags.space ? objectArg(flags.space, '--space', ctx.io.cwd) : t.search?.space;
    if (!space) throw new UsageError('a search needs a space: --space JSON or training.search.space');
    const metric = (flags.metric ?? t.search?.metric) as MetricName | undefined;
    if (!metric)
      throw new UsageError('a search needs the metric to choose by: --metric or training.search.metric');
    search = {
      method,
      space,
      trials: flags.trials ?? t.search?.trials ?? 20,
      metric,
      seed: flags.seed ?? t.search?.seed ?? 0,
    };
  }
  return {
    command: command ?? null,
    trainer: trainer ?? null,
    features: flags.features ?? t.features ?? null,
    cwd: flags.command ? ctx.io.cwd : configDir,
    model,
    type: flags.type ?? t.type ?? (trainer ? `vigie.${trainer}` : 'external'),
    dataset,
    label,
    params,
    search,
    timeoutMs: (flags.timeout ?? t.timeout_seconds ?? 3600) * 1000,
  };
}

/** Writes the train and validation splits of a registered dataset version (never the test split). */
async function writeTrainingFiles(registry: Registry, dataset: DatasetVersion, dir: string) {
  const files: Record<string, string> = {};
  for (const name of ['train', 'validation']) {
    const split = dataset.splits.find((s) => s.name === name);
    if (!split?.blobHash)
      throw new VigieError(
        'REFUSED',
        `${dataset.name}@${dataset.version} has no stored ${name} split: register it with its split (vigie check --register)`,
        { details: { ref: dataset.id } },
      );
    files[name] = join(dir, `${name}.${dataset.format}`);
    await writeBlobTo(registry.blobs, split.blobHash, files[name]);
  }
  return files as { train: string; validation: string };
}

/** The signature an ONNX model carries (inputs, outputs, task, classes), stored with the version. */
async function signatureOf(path: string): Promise<ModelSignatureRecord | null> {
  if (!path.toLowerCase().endsWith('.onnx')) return null;
  await using model = await openModel(path);
  const s = model.signature;
  return { task: s.task, inputs: s.inputs, outputs: s.outputs, ...(s.classes ? { classes: s.classes } : {}) };
}

export function registerTrain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('train')
    .summary("train a model with any command on a registered dataset's splits, and register it")
    .description(
      'Run a training command (Python, R, anything) on the train and validation splits of a dataset version ' +
        'that is ready for training (the test split stays sealed), with a hyperparameter search when asked ' +
        '(grid or seeded random, chosen on the validation split only), then register the model version with ' +
        'its lineage: dataset version and split hashes, code (git commit and dirty flag), parameters, every ' +
        'trial, environment, duration and the metrics Vigie measured on train and validation. The command ' +
        'gets VIGIE_TRAIN, VIGIE_VALIDATION, VIGIE_LABEL, VIGIE_PARAMS (JSON file), VIGIE_SEED and VIGIE_OUTPUT ' +
        '(where it writes model.onnx and, optionally, result.json). Details: docs/evaluation.md.',
    )
    .option(
      '-c, --config <file>',
      'read training, registry and label from this vigie.yaml (default ./vigie.yaml)',
    )
    .addOption(
      new Option(
        '--trainer <name>',
        'a built-in learner instead of a command (default: training.trainer)',
      ).choices([...BUILTIN_TRAINERS]),
    )
    .option('--command <cmd>', 'the training command (default: training.command)')
    .option(
      '--data <file>',
      'train on this file without the registry, and write the model to --out (see below)',
    )
    .option(
      '--validation <file>',
      'with --data: the rows for early stopping (default: a seeded 10% of --data, gbdt only)',
    )
    .option('--out <file>', 'with --data: where to write the ONNX model')
    .option('--model <name>', 'the model name in the registry (default: training.model)')
    .option('--dataset <ref>', 'the dataset version (default: registry.dataset, newest)')
    .option('--label <column>', 'the label column (default: split.label or label)')
    .option('--params <json|file>', 'fixed hyperparameters')
    .option('--search <method>', 'grid or random')
    .option(
      '--space <json|file>',
      'the search space: {"C": [0.1, 1, 10], "lr": {"loguniform": [0.001, 0.3]}}',
    )
    .option('--trials <n>', 'random search: how many trials', (v) => Number(v))
    .option('--metric <name>', 'the validation metric the search maximises (minimises for losses)')
    .option('--seed <n>', 'seed of the random search, passed to the command as VIGIE_SEED', (v) => Number(v))
    .option('--type <type>', 'model type to record (default: training.type)')
    .option('--work-dir <dir>', 'working folder for the trials (default: .vigie/train/MODEL)')
    .option('--timeout <seconds>', 'stop a trial after this long', (v) => Number(v))
    .option(
      '--diagnose',
      'also train on 25-100% of the train split (learning curve) and on shuffled labels (leak check)',
    )
    .option('--json', 'print the registered version and the trials as JSON');
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Built-in learners (no command needed): logistic (C, penalty l2|l1), linear (alpha: ridge), gbdt
(learningRate, maxIter, maxLeafNodes, maxDepth, minSamplesLeaf, l2Regularization, ...): docs/learners.md.
Without the registry: vigie train --trainer gbdt --data FILE --label COL --out MODEL.onnx writes a
self-contained ONNX model (one [N, 1] input per raw column; outputs label and probabilities, or value).

Examples:
  $ vigie train                                            uses training: in ./vigie.yaml
  $ vigie train --trainer gbdt --data train.csv --label y --out model.onnx --json
  $ vigie train --trainer logistic --search grid --space '{"C": [0.1, 1, 10]}' --metric logLoss
  $ vigie train --command "python train.py" --model clf --dataset penguins@1 --label Species
  $ vigie train --search random --space '{"C": {"loguniform": [0.001, 100]}}' --trials 20 --metric balancedAccuracy`,
  );
  cmd.action(async (flags: TrainFlags) => {
    if (flags.data) return trainStandalone(ctx, flags);
    // Without --command or --trainer the config says how to train; with them, the config is optional.
    const configPath = resolve(ctx.io.cwd, flags.config ?? 'vigie.yaml');
    const config =
      flags.config || (!flags.command && !flags.trainer) ? await readConfig(configPath) : undefined;
    const plan = await planOf(ctx, flags, config, dirname(configPath));
    await using registry = await openCliRegistry(
      ctx,
      flags,
      config ? policyOf(config.registry?.readiness) : undefined,
    );
    const dataset = await registry.store.getDataset(parseRef(plan.dataset));
    const ready = await registry.store.events({ subjectId: dataset.id, type: 'dataset.ready' });
    if (ready.length === 0) {
      const readiness = await registry.store.datasetReadiness(parseRef(dataset.id));
      throw new VigieError(
        'REFUSED',
        `${dataset.name}@${dataset.version} is not marked ready for training${
          readiness.ready
            ? ': run vigie dataset ready first'
            : `: ${readiness.requirements
                .filter((r) => !r.met)
                .map((r) => `${r.name}: ${r.detail}`)
                .join('; ')}`
        }`,
        { details: { ref: dataset.id } },
      );
    }
    const work = resolve(ctx.io.cwd, flags.workDir ?? join('.vigie', 'train', plan.model));
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    const files = await writeTrainingFiles(registry, dataset, work);
    const candidates: Params[] = plan.search
      ? plan.search.method === 'grid'
        ? gridCandidates(parseSearchSpace(plan.search.space))
        : randomCandidates(parseSearchSpace(plan.search.space), plan.search.trials, plan.search.seed)
      : [{}];
    await using db = await openSession();
    const seed = plan.search?.seed ?? flags.seed ?? 0;
    const types = Object.fromEntries(dataset.schema.map((f) => [f.name, f.type])) as Record<
      string,
      SemanticType
    >;
    const validationTable = plan.trainer ? await readTable(db, files.validation, { types }) : null;
    const trainTable = plan.trainer ? await readTable(db, files.train, { types }) : null;
    /** One training run with these parameters on these rows (a file for a command, a table in process). */
    const run = (
      params: Params,
      dir: string,
      rows: { file: string; table: Table | null },
    ): Promise<TrialOutcome> =>
      plan.trainer
        ? runBuiltinTrial({
            trainer: plan.trainer,
            dir,
            train: rows.table!,
            validation: validationTable,
            label: plan.label,
            ...(plan.features ? { features: plan.features } : {}),
            params,
            seed,
          })
        : runTrial({
            command: plan.command!,
            cwd: plan.cwd,
            dir,
            train: rows.file,
            validation: files.validation,
            label: plan.label,
            params,
            seed,
            timeoutMs: plan.timeoutMs,
            env: ctx.io.env,
          });
    const trials: Array<{ params: Params; outcome: TrialOutcome; scores?: SplitScores; score?: number }> = [];
    for (const [i, extra] of candidates.entries()) {
      const params = { ...plan.params, ...extra };
      if (!flags.json)
        ctx.io.stdout.write(`trial ${i + 1}/${candidates.length} ${JSON.stringify(params)} ...\n`);
      const outcome = await run(params, join(work, `trial-${String(i + 1).padStart(3, '0')}`), {
        file: files.train,
        table: trainTable,
      });
      const trial: (typeof trials)[number] = { params, outcome };
      if (outcome.status === 'ok' && outcome.modelPath) {
        trial.scores = await scoreModel(db, outcome.modelPath, files, plan.label, outcome.report);
        if (plan.search) trial.score = trial.scores.validation?.[plan.search.metric];
      }
      if (!flags.json)
        ctx.io.stdout.write(
          outcome.status === 'ok'
            ? `  done in ${(outcome.durationMs / 1000).toFixed(1)} s${trial.score !== undefined ? `, validation ${plan.search!.metric} ${trial.score.toFixed(4)}` : ''}\n`
            : `  failed: ${outcome.error}\n`,
        );
      trials.push(trial);
    }
    const ok = trials.filter((t) => t.outcome.status === 'ok');
    if (ok.length === 0)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `every trial failed; the last: ${trials.at(-1)?.outcome.error} (log: ${trials.at(-1)?.outcome.log})`,
      );
    let best = ok[0]!;
    if (plan.search) {
      const metric = plan.search.metric;
      const scored = ok.filter((t) => t.score !== undefined && Number.isFinite(t.score));
      if (scored.length === 0)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `no trial has a validation ${metric}: the models cannot be scored and no result.json reported it`,
        );
      best = scored.reduce((a, b) =>
        (higherIsBetter(metric) ? b.score! > a.score! : b.score! < a.score!) ? b : a,
      );
    }
    const metric: MetricName = plan.search?.metric ?? 'accuracy';
    const diagnosis = flags.diagnose
      ? await diagnose({
          db,
          work: join(work, 'diagnosis'),
          files,
          label: plan.label,
          metric,
          seed,
          retrain: (name, rows, file) =>
            run(best.params, join(work, 'diagnosis', name), { file, table: rows }),
        })
      : null;
    const artifact = await putFile(registry.blobs, best.outcome.modelPath!);
    const signature = await signatureOf(best.outcome.modelPath!);
    const log = await putBytes(registry.blobs, await readFile(best.outcome.log));
    const by = actorOf(ctx, flags);
    const splitHashes = Object.fromEntries(
      dataset.splits.filter((s) => s.name !== 'test').map((s) => [s.name, s.membershipHash]),
    );
    const metrics = Object.fromEntries(
      Object.entries(best.scores ?? {}).map(([split, m]) => [
        split,
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { value: v }])),
      ]),
    );
    const result = await registry.store.registerModel({
      name: plan.model,
      by,
      dataset: dataset.id,
      splitHashes,
      trainingCode: plan.trainer
        ? {
            gitCommit: null,
            dirty: null,
            path: null,
            command: `vigie ${VERSION} train --trainer ${plan.trainer}`,
          }
        : codeRefOf(plan.cwd, plan.command!),
      modelType: best.outcome.report.modelType ?? plan.type,
      hyperparameters: (best.outcome.report.params as Params | undefined) ?? best.params,
      search: plan.search
        ? {
            method: plan.search.method,
            seed: plan.search.seed,
            metric: plan.search.metric,
            space: plan.search.space,
            chosen: trials.indexOf(best) + 1,
            trials: trials.map((t, i) => ({
              trial: i + 1,
              params: t.params,
              status: t.outcome.status,
              score: t.score ?? null,
              durationMs: Math.round(t.outcome.durationMs),
              ...(t.outcome.error ? { error: t.outcome.error } : {}),
            })),
          }
        : null,
      metrics,
      signature,
      artifactHash: artifact.hash,
      artifactFormat: best.outcome.modelPath!.split('.').pop() ?? 'unknown',
      sizeBytes: artifact.size,
      analyses: [
        {
          kind: 'training',
          status: 'pass',
          blobHash: log.hash,
          summary: {
            durationMs: Math.round(best.outcome.durationMs),
            trials: trials.length,
            command: plan.command ?? `--trainer ${plan.trainer}`,
            environment: {
              vigie: VERSION,
              node: process.version,
              platform: `${process.platform}-${process.arch}`,
            },
            reported: best.outcome.report.metrics ?? {},
          },
        },
        ...(diagnosis
          ? [
              {
                kind: 'diagnosis',
                status: worstStatus(diagnosis.verdicts.map((v) => v.status)),
                blobHash: null,
                summary: {
                  metric: diagnosis.metric,
                  learningCurve: diagnosis.learningCurve,
                  verdicts: diagnosis.verdicts.map((v) => ({
                    check: v.check,
                    status: v.status,
                    reason: v.reason,
                  })),
                },
              },
            ]
          : []),
      ],
    });
    const v = result.version;
    if (flags.json) {
      ctx.io.stdout.write(
        `${JSON.stringify(
          {
            name: v.name,
            version: v.version,
            semver: v.semver,
            hash: v.artifactHash,
            id: v.id,
            created: result.created,
            dataset: dataset.id,
            params: best.params,
            metrics,
            trials: trials.length,
            ...(diagnosis ? { diagnosis } : {}),
          },
          jsonReplacer,
          2,
        )}\n`,
      );
      return;
    }
    ctx.io.stdout.write(
      `${result.created ? 'registered' : 'unchanged:'} ${v.name}@${v.version} (semver ${v.semver}, ${v.semverDecision.bump}: ${v.semverDecision.reason})\n` +
        `  trained on ${dataset.id} (train + validation; test sealed) with ${JSON.stringify(best.params)}\n` +
        Object.entries(metrics)
          .map(
            ([split, m]) =>
              `  ${split}: ${Object.entries(m)
                .map(([k, x]) => `${k} ${x.value.toFixed(4)}`)
                .join(', ')}`,
          )
          .join('\n') +
        '\n',
    );
    if (diagnosis)
      ctx.io.stdout.write(
        renderVerdicts(diagnosis.verdicts, createStyle(useColor(ctx.io, undefined))) + '\n',
      );
  });
}
