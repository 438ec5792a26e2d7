import { resolve } from 'node:path';
import type { GatesConfig, MetricName, VigieConfig } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';
import {
  type BootstrapSettings,
  type Comparison,
  compareOn,
  DEFAULT_BOOTSTRAP,
  evaluatePrepared,
  rowsToDecide,
  runGates,
} from '@vigie/core/evaluation';
import type { Registry } from '@vigie/core/registry';
import { createReport, renderConsole } from '@vigie/core/report';
import type { Verdict, VerdictStatus } from '@vigie/core/verdict';
import type { Command } from 'commander';
import { readConfig } from '../config.js';
import { type CommandContext, VERSION } from '../context.js';
import { openSession } from '../data.js';
import { loadEvalData } from '../evaluation/eval-data.js';
import { scoreTable, sliceValuesOf } from '../evaluation/score-model.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import type { ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { createProgress } from '../progress.js';
import { addRegistryOptions, openCliRegistry } from '../registry/open.js';
import { addReadOptions, addReportOptions, colorFlag } from './common.js';
import { parseMetricList } from './evaluate.js';

interface CompareFlags extends ModelFlags, ReadFlags, ReportFlags {
  data?: string;
  dataset?: string;
  split?: string;
  label?: string;
  config?: string;
  metrics?: MetricName[];
  alpha?: number;
  power?: number;
  resamples?: number;
}

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(4)).toString();

/**
 * Without gates in vigie.yaml: fail when the candidate is significantly worse on any metric, pass
 * when it is significantly better on the first and worse on none, inconclusive otherwise (with the
 * rows that would decide the first).
 */
function defaultVerdict(
  comparisons: Comparison[],
  alpha: number,
  power: number,
): { status: VerdictStatus; reason: string } {
  const worse = comparisons.filter((c) => c.improvementCi && c.improvementCi[1] < 0);
  if (worse.length > 0)
    return {
      status: 'fail',
      reason: `the candidate is significantly worse on ${worse.map((c) => `${c.metric} (${fmt(c.improvement)}, p = ${fmt(c.pvalue)})`).join(', ')}`,
    };
  const first = comparisons[0];
  if (!first || first.improvementCi === null)
    return {
      status: 'inconclusive',
      reason: `${first?.metric ?? 'the metric'} could not be compared: ${first?.error ?? ''}`,
    };
  if (first.improvementCi[0] > 0)
    return {
      status: 'pass',
      reason: `the candidate is significantly better on ${first.metric} (${fmt(first.improvement)}, p = ${fmt(first.pvalue)}) and worse on none`,
    };
  const need = rowsToDecide(first, 0, alpha, power);
  return {
    status: 'inconclusive',
    reason: `no significant difference on ${first.metric} (${fmt(first.improvement)}, p = ${fmt(first.pvalue)})${need && Number.isFinite(need.additionalRows) ? `; about ${need.additionalRows} more labelled rows would decide at power ${power}` : ''}`,
  };
}

export function registerCompare(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('compare')
    .summary('compare a candidate model with a champion on the same rows, with paired tests')
    .argument('<candidate>', 'an .onnx file, NAME@VERSION / NAME@ALIAS, or http(s)://...')
    .argument('<champion>', 'the model it should beat (same forms)')
    .description(
      "Score both models on the same labelled rows and compare them metric by metric with a paired test: McNemar's " +
        "exact test for accuracy, DeLong's test for a binary ROC AUC, a paired bootstrap for anything else; each " +
        'difference with its confidence interval. The verdict follows the comparison gates of vigie.yaml when there ' +
        'are any; otherwise: fail if the candidate is significantly worse on any metric, pass if it is significantly ' +
        'better on the first and worse on none, inconclusive otherwise — saying how many more labelled rows would ' +
        'decide. Exit code 1 on fail. Details: docs/evaluation.md.',
    )
    .option('--data <file>', 'the labelled rows')
    .option('--dataset <ref>', 'or a registered dataset version, with --split')
    .option('--split <name>', 'the split (with --dataset, default test)')
    .option('--label <column>', 'the label column (default: label in vigie.yaml)')
    .option('-c, --config <file>', 'read gates from this vigie.yaml (default ./vigie.yaml if any)')
    .option(
      '--metrics <list>',
      'comma-separated metrics to compare (default: accuracy, rocAuc, logLoss or mae, rmse, r2)',
      parseMetricList,
    )
    .option('--alpha <level>', 'significance level (default 0.05, or gates.alpha)', (v) => Number(v))
    .option('--power <p>', 'power for the rows-needed estimate (default 0.8)', (v) => Number(v))
    .option('--resamples <n>', 'paired bootstrap resamples (default 1000)', (v) => Number(v));
  addReadOptions(cmd);
  addReportOptions(cmd);
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie compare candidate.onnx champion.onnx --data test.csv --label Species
  $ vigie compare penguin-clf@latest penguin-clf@champion --dataset penguins@1 --split test --json`,
  );
  cmd.action(async (candidateText: string, championText: string, flags: CompareFlags, command: Command) => {
    const configPath = resolve(ctx.io.cwd, flags.config ?? 'vigie.yaml');
    const config: VigieConfig | undefined = flags.config
      ? await readConfig(configPath)
      : await readConfig(configPath).catch((e: unknown) => {
          if (e instanceof VigieError && e.code === 'FILE_NOT_FOUND') return undefined;
          throw e;
        });
    const label = flags.label ?? config?.split?.label ?? config?.label;
    if (!label) throw new UsageError('no label column: give --label or label in vigie.yaml');
    const alpha = flags.alpha ?? config?.gates?.alpha ?? 0.05;
    const power = flags.power ?? config?.gates?.power ?? 0.8;
    const bootstrap: BootstrapSettings = {
      ...DEFAULT_BOOTSTRAP,
      ...(flags.resamples ? { resamples: flags.resamples } : {}),
      seed: flags.seed ?? 0,
    };
    let registry: Registry | undefined;
    const openRegistry = async () => (registry ??= await openCliRegistry(ctx, flags));
    try {
      await using db = await openSession();
      const data = await loadEvalData(ctx, db, openRegistry, flags, createProgress(ctx.io, !flags.json));
      const a = await openModelArg(ctx, parseModelArg(candidateText, ctx.io.cwd), undefined, flags);
      await using candidateRuntime = a.runtime;
      const b = await openModelArg(ctx, parseModelArg(championText, ctx.io.cwd), undefined, flags);
      await using championRuntime = b.runtime;
      const candidate = await scoreTable(candidateRuntime, data.table, label);
      const champion = await scoreTable(championRuntime, data.table, label);
      if (candidate.task !== champion.task)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `${a.name} is a ${candidate.task} model and ${b.name} a ${champion.task} one`,
        );
      const metrics: MetricName[] =
        flags.metrics ??
        (candidate.task === 'regression' ? ['mae', 'rmse', 'r2'] : ['accuracy', 'rocAuc', 'logLoss']);
      const comparisons = metrics.map((m) => compareOn(m, candidate, champion, { alpha, bootstrap }));
      let verdicts: Verdict[];
      let status: VerdictStatus;
      let reason: string;
      const gates: GatesConfig | undefined = config?.gates && {
        ...config.gates,
        rules: config.gates.rules.filter((r) => 'against' in r && (!data.split || r.split === data.split)),
      };
      if (gates && gates.rules.length > 0) {
        const sliceColumns = [...new Set(gates.rules.flatMap((r) => ('slices' in r && r.slices) || []))];
        const evaluation = evaluatePrepared(candidate, { metrics: [], bootstrap });
        verdicts = runGates(gates, {
          candidate: { prepared: candidate, evaluation, ref: a.name },
          champion: { prepared: champion, ref: b.name },
          sliceValues: Object.fromEntries(
            sliceColumns.map((c) => [c, sliceValuesOf(data.table, c, candidate)]),
          ),
          bootstrap,
        });
        status = verdicts.some((v) => v.status === 'fail')
          ? 'fail'
          : verdicts.some((v) => v.status === 'inconclusive')
            ? 'inconclusive'
            : 'pass';
        reason = verdicts
          .filter((v) => v.status === status)
          .map((v) => `${v.check}: ${v.reason}`)
          .join('; ');
      } else {
        ({ status, reason } = defaultVerdict(comparisons, alpha, power));
        verdicts = [
          {
            status,
            check: 'compare',
            kind: 'gate',
            subject: `${a.name} vs ${b.name}`,
            method: 'paired tests on the same rows',
            value: comparisons[0]?.improvement ?? null,
            threshold: 0,
            sampleSizes: { n: candidate.n },
            reason,
          },
        ];
      }
      const report = createReport({
        command: 'compare',
        title: `${a.name} vs ${b.name} on ${data.label}`,
        vigieVersion: VERSION,
        verdicts,
        dataset: {
          source: data.label,
          rows: data.table.rowCount,
          columns: data.table.columns.length,
          contentHash: '',
        },
        comparison: { candidate: a.name, champion: b.name, comparisons },
      });
      const json = {
        verdict: status,
        comparisons: comparisons.map((c) => ({
          metric: c.metric,
          candidate: c.candidate,
          champion: c.champion,
          difference: c.difference,
          ci: c.ci,
          test: c.test,
          pvalue: c.pvalue,
          improvement: c.improvement,
          n: c.n,
          ...(c.error ? { error: c.error } : {}),
        })),
        reason,
        verdicts,
      };
      await emitReports(ctx.io, report, flags, json);
      if (!flags.json)
        ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
      if (status === 'fail') ctx.exitCode = EXIT_FAILED;
    } finally {
      await registry?.[Symbol.asyncDispose]();
    }
  });
}
