import { resolve } from 'node:path';
import type { GatesConfig, MetricName, VigieConfig } from '@vigie/core/config';
import { METRIC_NAMES } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';
import {
  type BootstrapSettings,
  baselineVerdict,
  DEFAULT_BOOTSTRAP,
  type EvaluationResult,
  evaluatePrepared,
  fitVerdict,
  type Prepared,
  runGates,
} from '@vigie/core/evaluation';
import { parseSignature } from '@vigie/core/models';
import { type ModelVersion, parseRef, putBytes, type Registry } from '@vigie/core/registry';
import { createReport, renderConsole } from '@vigie/core/report';
import { type Verdict, worstStatus } from '@vigie/core/verdict';
import { type Command, InvalidArgumentError } from 'commander';
import { readConfig } from '../config.js';
import { type CommandContext, VERSION } from '../context.js';
import { openSession } from '../data.js';
import { loadEvalData } from '../evaluation/eval-data.js';
import { scoreTable, sliceValuesOf } from '../evaluation/score-model.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { ReadFlags } from '../options.js';
import { emitReports, jsonReplacer, type ReportFlags } from '../outputs.js';
import { type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { createProgress } from '../progress.js';
import { jsonArg } from '../registry/json-arg.js';
import { actorOf, addRegistryOptions, openCliRegistry, policyOf } from '../registry/open.js';
import { addReadOptions, addReportOptions, colorFlag } from './common.js';

interface EvaluateFlags extends ModelFlags, ReadFlags, ReportFlags {
  model: string;
  data?: string;
  dataset?: string;
  split?: string;
  label?: string;
  config?: string;
  metrics?: MetricName[];
  slices?: string[];
  resamples?: number;
  confidence?: number;
  signature?: string;
  record: boolean;
}

export function parseMetricList(value: string): MetricName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(METRIC_NAMES as readonly string[]).includes(n))
      throw new InvalidArgumentError(`unknown metric "${n}"; known: ${METRIC_NAMES.join(', ')}`);
  return names as MetricName[];
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The earlier evaluations on the test split of any version of this model: a second look is peeking. */
async function peeking(registry: Registry, model: ModelVersion): Promise<Verdict | null> {
  const versions = await registry.store.listModels({ name: model.name, limit: 10_000 });
  const earlier: string[] = [];
  for (const v of versions)
    for (const e of await registry.store.listEvaluations(v.id))
      if (e.split === 'test') earlier.push(`${e.id} (${v.name}@${v.version})`);
  const base = {
    check: 'split:test:sealed',
    kind: 'split',
    subject: `${model.name} lineage`,
    method: 'test evaluations recorded for this model name',
    threshold: 0,
    value: earlier.length,
    sampleSizes: {},
  };
  if (earlier.length === 0)
    return {
      ...base,
      status: 'pass',
      reason: 'first evaluation of this model lineage on the test split (recorded)',
    };
  return {
    ...base,
    status: 'warn',
    reason: `peeking: the test split was already used by ${earlier.join(', ')}; decisions tuned on it are no longer honest`,
    decideBy: 'a fresh test split (new data), or deciding on the validation split',
  };
}

async function championOf(
  ctx: CommandContext,
  registry: Registry,
  model: ModelVersion,
  gates: GatesConfig,
  data: { table: import('@vigie/core/table').Table },
  label: string,
  flags: ModelFlags,
): Promise<{ prepared: Prepared; ref: string } | null> {
  const against = gates.rules.find((r) => 'against' in r) as { against: string } | undefined;
  if (!against) return null;
  const ref = parseRef(`${model.name}@${against.against}`);
  let champion: ModelVersion;
  try {
    champion = await registry.store.getModel(ref);
  } catch (error) {
    if (error instanceof VigieError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
  if (champion.id === model.id) return null;
  const opened = await openModelArg(
    ctx,
    { kind: 'ref', ref: parseRef(champion.id), text: champion.id },
    undefined,
    flags,
  );
  await using runtime = opened.runtime;
  return {
    prepared: await scoreTable(runtime, data.table, label),
    ref: `${champion.name}@${champion.version}`,
  };
}

export function registerEvaluate(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('evaluate')
    .summary('measure a model on labelled data: metrics with confidence intervals, diagnosis and gates')
    .description(
      'Run a model (an ONNX file, a registered version, or a model server) on labelled rows and report every ' +
        "metric with scikit-learn's definition and a bootstrap confidence interval, the confusion matrix, ROC, " +
        'precision-recall and calibration curves (or residuals), metrics per slice, a comparison with a dummy ' +
        "model, over/under-fitting from the version's train and validation metrics, and the gates of vigie.yaml " +
        '(absolute thresholds, and paired comparisons with the champion on the same rows). A registered model ' +
        'evaluated on a registered split is recorded in the registry; the test split is sealed: a second test ' +
        'evaluation in the same model lineage is flagged as peeking. Exit code 1 when a gate fails. ' +
        'Details: docs/evaluation.md.',
    )
    .requiredOption('--model <file|ref|url>', 'an .onnx file, NAME@VERSION / NAME@ALIAS, or http(s)://...')
    .option('--data <file>', 'the labelled rows (CSV, Parquet or JSON Lines)')
    .option('--dataset <ref>', 'or a registered dataset version, with --split')
    .option(
      '--split <name>',
      'the split evaluated: with --dataset, the one read (default test); with --data, its name for the records and gates',
    )
    .option('--label <column>', 'the label column (default: label in vigie.yaml)')
    .option(
      '-c, --config <file>',
      'read evaluation and gates from this vigie.yaml (default ./vigie.yaml if any)',
    )
    .option('--metrics <list>', 'comma-separated metrics (default: by task)', parseMetricList)
    .option('--slices <columns>', 'comma-separated columns: every metric per value', list)
    .option('--resamples <n>', 'bootstrap resamples for the intervals (default 1000)', (v) => Number(v))
    .option('--confidence <level>', 'of the intervals (default 0.95)', (v) => Number(v))
    .option('--signature <json|file>', 'declare the model signature (a model server needs one)')
    .option('--protocol <name>', "a model server URL's protocol: vigie, kserve-v2, mlflow")
    .option('--no-record', 'do not record the evaluation in the registry');
  addReadOptions(cmd);
  addReportOptions(cmd);
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie evaluate --model model.onnx --data test.csv --label Species
  $ vigie evaluate --model penguin-clf@3 --dataset penguins@1 --split validation --html eval.html
  $ vigie evaluate --model penguin-clf@latest --dataset penguins@1 --split test --json   gates of ./vigie.yaml`,
  );
  cmd.action(async (flags: EvaluateFlags, command: Command) => {
    const configPath = resolve(ctx.io.cwd, flags.config ?? 'vigie.yaml');
    const config: VigieConfig | undefined = flags.config
      ? await readConfig(configPath)
      : await readConfig(configPath).catch((e: unknown) => {
          if (e instanceof VigieError && e.code === 'FILE_NOT_FOUND') return undefined;
          throw e;
        });
    const label = flags.label ?? config?.split?.label ?? config?.label;
    if (!label) throw new UsageError('no label column: give --label or label in vigie.yaml');
    const bootstrap: BootstrapSettings = {
      resamples: flags.resamples ?? config?.evaluation?.bootstrap.resamples ?? DEFAULT_BOOTSTRAP.resamples,
      confidence:
        flags.confidence ?? config?.evaluation?.bootstrap.confidence ?? DEFAULT_BOOTSTRAP.confidence,
      seed: flags.seed ?? config?.evaluation?.bootstrap.seed ?? DEFAULT_BOOTSTRAP.seed,
    };
    const progress = createProgress(ctx.io, !flags.json);
    const arg = parseModelArg(flags.model, ctx.io.cwd);
    let registry: Registry | undefined;
    const openRegistry = async () =>
      (registry ??= await openCliRegistry(
        ctx,
        flags,
        config ? policyOf(config.registry?.readiness) : undefined,
      ));
    try {
      await using db = await openSession();
      const data = await loadEvalData(ctx, db, openRegistry, flags, progress);
      const declared = flags.signature
        ? parseSignature(jsonArg(flags.signature, '--signature', ctx.io.cwd), '--signature')
        : undefined;
      const opened = await openModelArg(ctx, arg, declared, {
        ...flags,
        ...(flags.protocol ? { protocol: flags.protocol } : {}),
      });
      await using runtime = opened.runtime;
      const version = arg.kind === 'ref' ? await (await openRegistry()).store.getModel(arg.ref) : null;
      const prepared = await scoreTable(runtime, data.table, label);
      const sliceColumns = flags.slices ?? config?.evaluation?.slices ?? [];
      const sliceValues = Object.fromEntries(
        sliceColumns.map((c) => [c, sliceValuesOf(data.table, c, prepared)]),
      );
      const result: EvaluationResult = evaluatePrepared(prepared, {
        ...((flags.metrics ?? config?.evaluation?.metrics)
          ? { metrics: flags.metrics ?? config?.evaluation?.metrics }
          : {}),
        bootstrap,
        slices: sliceColumns.map((c) => ({ column: c, values: sliceValues[c]! })),
        minSliceRows: config?.evaluation?.min_slice_rows ?? 30,
      });
      const alpha = config?.gates?.alpha ?? 0.05;
      const primary: MetricName = prepared.task === 'regression' ? 'mae' : 'accuracy';
      const verdicts: Verdict[] = [baselineVerdict(prepared, primary, { alpha, bootstrap })];
      if (version) {
        const fitMetric = prepared.task === 'regression' ? 'r2' : 'accuracy';
        verdicts.push(
          fitVerdict(
            fitMetric,
            version.metrics.train?.[fitMetric]?.value,
            version.metrics.validation?.[fitMetric]?.value,
            {
              maxGap: 0.05,
              ...(result.metrics[fitMetric]?.value != null && verdicts[0]!.details?.comparison
                ? { baseline: (verdicts[0]!.details.comparison as { champion: number }).champion }
                : {}),
            },
          ),
        );
      }
      const gates = config?.gates;
      if (gates) {
        const applicable = {
          ...gates,
          rules: gates.rules.filter((r) => !data.split || r.split === data.split),
        };
        if (applicable.rules.length > 0) {
          const champion = version
            ? await championOf(ctx, await openRegistry(), version, applicable, data, label, flags)
            : null;
          verdicts.push(
            ...runGates(applicable, {
              candidate: { prepared, evaluation: result, ref: opened.name },
              champion,
              sliceValues,
              bootstrap,
              minSliceRows: config?.evaluation?.min_slice_rows ?? 30,
            }),
          );
        }
      }
      const recording =
        flags.record && version !== null && registry !== undefined
          ? registry
          : flags.record && version
            ? await openRegistry()
            : undefined;
      if (recording && version && data.split === 'test') {
        const p = await peeking(recording, version);
        if (p) verdicts.push(p);
      }
      const report = createReport({
        command: 'evaluate',
        title: `Evaluation of ${opened.name} on ${data.label}`,
        vigieVersion: VERSION,
        verdicts,
        dataset: {
          source: data.label,
          rows: data.table.rowCount,
          columns: data.table.columns.length,
          contentHash: '',
        },
        evaluation: { model: opened.name, split: data.split, result },
      });
      let evaluationId: string | undefined;
      if (recording && version) {
        const gateVerdicts = verdicts.filter((v) => v.kind === 'gate');
        const blob = await putBytes(recording.blobs, `${JSON.stringify(report, jsonReplacer)}\n`);
        const metrics = Object.fromEntries(
          Object.entries(result.metrics)
            .filter(([, m]) => m.value !== null)
            .map(([k, m]) => [k, { value: m.value!, ci: m.ci }]),
        );
        const evaluation = await recording.store.recordEvaluation({
          by: actorOf(ctx, flags),
          model: version.id,
          dataset: data.dataset?.id ?? null,
          split: data.split,
          metrics,
          status: worstStatus(verdicts.map((v) => v.status)),
          details: {
            n: result.n,
            report: blob.hash,
            ...(gateVerdicts.length > 0
              ? { gates: gateVerdicts.map((v) => ({ check: v.check, status: v.status, reason: v.reason })) }
              : {}),
          },
        });
        evaluationId = evaluation.id;
        if (gateVerdicts.length > 0)
          await recording.store.attachAnalysis(version.id, {
            by: actorOf(ctx, flags),
            kind: 'gates',
            status:
              worstStatus(gateVerdicts.map((v) => v.status)) === 'warn'
                ? 'pass'
                : worstStatus(gateVerdicts.map((v) => v.status)),
            blobHash: blob.hash,
            summary: { evaluation: evaluation.id, split: data.split, gates: gateVerdicts.length },
          });
      }
      const json = {
        task: result.task,
        n: result.n,
        metrics: result.metrics,
        model: opened.name,
        split: data.split,
        status: report.status,
        verdicts,
        ...(evaluationId ? { evaluation: evaluationId } : {}),
        confusion: result.confusion,
        ...(result.slices ? { slices: result.slices } : {}),
      };
      await emitReports(ctx.io, report, flags, json);
      if (!flags.json) {
        ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
        if (evaluationId) ctx.io.stdout.write(`recorded as ${evaluationId}\n`);
        if (flags.html) ctx.io.stdout.write(`HTML report: ${flags.html}\n`);
      }
      if (verdicts.some((v) => v.kind === 'gate' && v.status === 'fail')) ctx.exitCode = EXIT_FAILED;
    } finally {
      await registry?.[Symbol.asyncDispose]();
    }
  });
}
