import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MetricName } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';
import {
  type Explanation,
  explainTrees,
  globalShap,
  kernelShap,
  limeTabular,
  localShap,
  permutationImportance,
  type ShapResult,
  sampleRows,
  TREE_SHAP,
  treeScale,
} from '@vigie/core/explain';
import { type ModelRuntime, openOnnxTensorRunner, parseSignature, readOnnxTrees } from '@vigie/core/models';
import { createRandom, sampleIndices } from '@vigie/core/random';
import { readBlob } from '@vigie/core/registry';
import { createReport, renderConsole } from '@vigie/core/report';
import { findColumn, type Table, takeRows } from '@vigie/core/table';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readConfig } from '../config.js';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession, resolveFrom } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { EXPLAIN_METHODS, type ExplainMethod, planExplain } from '../explain/explain-plan.js';
import { useColor } from '../io.js';
import { parsePositiveInt, type ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { type ModelArg, type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { createProgress } from '../progress.js';
import { jsonArg } from '../registry/json-arg.js';
import { addRegistryOptions, openCliRegistry } from '../registry/open.js';
import { addReadOptions, addReportOptions, colorFlag } from './common.js';
import { parseMetricList } from './evaluate.js';

interface ExplainFlags extends ModelFlags, ReadFlags, ReportFlags {
  model?: string;
  data: string;
  label?: string;
  row?: number;
  method: ExplainMethod;
  background: number;
  samples?: number;
  rows: number;
  metric?: MetricName[];
  repeats: number;
  signature?: string;
}

const DEFAULT_BACKGROUND = 100;
const DEFAULT_ROWS = 50;

/**
 * The ONNX bytes of a file or a registered version (its tree ensemble is read from them); null for
 * a model server, whose trees are not visible.
 */
async function modelBytes(
  ctx: CommandContext,
  arg: ModelArg,
  flags: ExplainFlags,
): Promise<Uint8Array | null> {
  if (arg.kind === 'file') return readFile(arg.path);
  if (arg.kind === 'url') return null;
  await using registry = await openCliRegistry(ctx, flags);
  const version = await registry.store.getModel(arg.ref);
  return version.artifactFormat.toLowerCase() === 'onnx'
    ? readBlob(registry.blobs, version.artifactHash)
    : null;
}

export function registerExplain(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('explain')
    .summary('explain a model on data: importance per column (SHAP, permutation) and one row')
    .description(
      'Explain a model (an ONNX file, a registered version, or a model server) on the raw columns it reads. ' +
        'Globally: permutation importance (the metric lost when a column is shuffled, with an interval; needs ' +
        "--label) and the mean |SHAP value| per column over a sample of rows; for --row N: that row's SHAP " +
        "contributions (expected value + contributions = prediction) or, with --method lime, LIME's local " +
        'weights. Kernel SHAP works on any model; Tree SHAP reads the tree ensemble of an ONNX file. Seeded: ' +
        'the same flags give the same numbers. Details: docs/explain.md.',
    )
    .argument('[model]', 'the model (or --model): an .onnx file, NAME@VERSION / NAME@ALIAS, or http(s)://...')
    .option('--model <file|ref|url>', 'the model, as the positional argument')
    .requiredOption('--data <file>', 'the rows to explain (CSV, Parquet or JSON Lines)')
    .option(
      '--label <column>',
      'the label column: permutation importance needs it (default: label in vigie.yaml)',
    )
    .option('--row <n>', 'explain this row too (numbered from 1)', parsePositiveInt)
    .addOption(
      new Option('--method <method>', 'what to compute (auto: permutation with a label, and SHAP)')
        .choices([...EXPLAIN_METHODS])
        .default('auto'),
    )
    .option(
      '--background <n>',
      'background rows for SHAP, a seeded sample of the data',
      parsePositiveInt,
      DEFAULT_BACKGROUND,
    )
    .option(
      '--samples <n>',
      'Kernel SHAP coalitions per row (default auto: 2M + 2048), or LIME neighbours (5000)',
      parsePositiveInt,
    )
    .option(
      '--rows <n>',
      'rows explained by SHAP for the global view, a seeded sample',
      parsePositiveInt,
      DEFAULT_ROWS,
    )
    .option('--metric <name>', 'permutation importance metric (default accuracy or r2)', (v) => {
      const m = parseMetricList(v);
      if (m.length !== 1) throw new InvalidArgumentError('one metric');
      return m;
    })
    .option('--repeats <n>', 'shuffles per column for permutation importance', parsePositiveInt, 5)
    .option('--signature <json|file>', 'declare the model signature (a model server needs one)')
    .option('--protocol <name>', "a model server URL's protocol: vigie, kserve-v2, mlflow");
  addReadOptions(cmd);
  addReportOptions(cmd);
  addRegistryOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ vigie explain model.onnx --data test.csv --label species          permutation importance and SHAP
  $ vigie explain model.onnx --data test.csv --row 12                 one row's SHAP contributions
  $ vigie explain penguin-clf@champion --data test.csv --row 12 --method lime
  $ vigie explain --model model.onnx --data test.csv --method kernel --background 50 --json`,
  );
  cmd.action(async (positional: string | undefined, flags: ExplainFlags, command: Command) => {
    const text = positional ?? flags.model;
    if (!text) throw new UsageError('which model? give it as the first argument or with --model');
    if (positional && flags.model && positional !== flags.model)
      throw new UsageError(`two models given: ${positional} and --model ${flags.model}`);
    const cwd = ctx.io.cwd;
    const config = await readConfig(resolve(cwd, 'vigie.yaml')).catch((e: unknown) => {
      if (e instanceof VigieError && e.code === 'FILE_NOT_FOUND') return undefined;
      throw e;
    });
    const label = flags.label ?? config?.split?.label ?? config?.label;
    const seed = flags.seed ?? 0;
    const arg = parseModelArg(text, cwd);
    const declared = flags.signature
      ? parseSignature(jsonArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const progress = createProgress(ctx.io, !flags.json);
    await using db = await openSession();
    const data = await loadTable(db, resolveFrom(cwd, flags.data), flags, progress);
    const labelKnown = label !== undefined && findColumn(data, label) !== undefined;
    if (flags.label && !labelKnown)
      throw new UsageError(`--label ${flags.label}: no such column in ${flags.data}`);
    const plan = planExplain(flags.method, {
      label: labelKnown ? label : undefined,
      row: flags.row,
      rows: data.rowCount,
    });
    const opened = await openModelArg(ctx, arg, declared, {
      ...flags,
      ...(flags.protocol ? { protocol: flags.protocol } : {}),
    });
    await using model = opened.runtime;
    const notes: string[] = [];
    const explanation: Explanation = {
      model: opened.name,
      task: model.signature.task,
      data: flags.data,
      rows: data.rowCount,
      notes,
    };
    if (plan.permutation)
      explanation.permutation = await permutationImportance(model, data, {
        label: label!,
        nRepeats: flags.repeats,
        seed,
        ...(flags.metric ? { metric: flags.metric[0]! } : {}),
      });
    else if (flags.method === 'auto')
      notes.push('no label column: permutation importance was not computed (give --label)');
    if (plan.shap) {
      const sampleIdx = sampleIndicesOf(data, flags.rows, seed + 1);
      const rows = plan.row === null ? sampleIdx : [...sampleIdx.filter((i) => i !== plan.row), plan.row];
      const shap = await runShap(ctx, plan.shap, arg, model, data, rows, flags, declared, seed, notes);
      if (shap) {
        const { result, scale } = shap;
        const globalOnly = { ...result, rows: result.rows.slice(0, sampleIdx.length) };
        if (plan.row === null || sampleIdx.length > 0) explanation.shap = globalShap(globalOnly, scale);
        if (plan.row !== null)
          explanation.local = {
            row: plan.row + 1,
            shap: localShap(result, rows.length - 1, data, plan.row, scale),
          };
      }
    }
    if (plan.lime && plan.row !== null) {
      const lime = await limeTabular(model, takeRows(data, [plan.row]), {
        training: data,
        seed,
        ...(flags.samples ? { nSamples: flags.samples } : {}),
      });
      explanation.local = { ...(explanation.local ?? { row: plan.row + 1 }), lime };
      notes.push(`LIME: bins and frequencies from the ${data.rowCount} rows of ${flags.data}; seed ${seed}`);
    }
    const report = createReport({
      command: 'explain',
      title: `Explanation of ${opened.name} on ${flags.data}`,
      vigieVersion: VERSION,
      verdicts: [],
      dataset: { source: flags.data, rows: data.rowCount, columns: data.columns.length, contentHash: '' },
      explanation,
    });
    await emitReports(ctx.io, report, flags, explanation);
    if (!flags.json) {
      ctx.io.stdout.write(renderConsole(report, { color: useColor(ctx.io, colorFlag(command)) }));
      if (flags.html) ctx.io.stdout.write(`HTML report: ${flags.html}\n`);
    }
  });
}

/** A seeded sample of row indices (all rows when there are no more), in order. */
function sampleIndicesOf(data: Table, n: number, seed: number): number[] {
  if (n >= data.rowCount) return Array.from({ length: data.rowCount }, (_, i) => i);
  return Array.from(sampleIndices(data.rowCount, n, createRandom(seed))).sort((a, b) => a - b);
}

/** SHAP by the method asked: Tree SHAP on an ONNX tree ensemble, or Kernel SHAP on any model. */
async function runShap(
  ctx: CommandContext,
  method: 'kernel' | 'tree' | 'tree-or-kernel',
  arg: ModelArg,
  model: ModelRuntime,
  data: Table,
  rows: number[],
  flags: ExplainFlags,
  declared: ReturnType<typeof parseSignature> | undefined,
  seed: number,
  notes: string[],
): Promise<{ result: ShapResult; scale: string } | null> {
  if (method !== 'kernel') {
    try {
      const tree = await runTreeShap(ctx, method, arg, model, data, rows, flags, declared, seed, notes);
      if (tree) return tree;
    } catch (error) {
      // auto: a tree ensemble the reader cannot map is still explained, by its predictions.
      if (method === 'tree' || !(error instanceof VigieError) || error.code !== 'UNSUPPORTED') throw error;
      notes.push(`Tree SHAP could not be used (${error.message}): Kernel SHAP was used`);
    }
  }
  const background = sampleRows(data, flags.background, seed);
  const result = await kernelShap(model, takeRows(data, rows), {
    background,
    seed,
    ...(flags.samples ? { nSamples: flags.samples } : {}),
  });
  const exact = result.rows.every((r) => r.exact);
  notes.push(
    `Kernel SHAP: ${background.rowCount} background rows (a seeded sample), ${exact ? 'every coalition enumerated (exact for this background)' : `${flags.samples ?? 'auto'} coalitions per row`}, seed ${seed}`,
  );
  const kind = result.outputs.kind;
  return {
    result,
    scale: kind === 'value' ? 'value' : kind === 'probability' ? 'probability' : 'predicted-class indicator',
  };
}

/** Tree SHAP when the model is an ONNX tree ensemble (null when it is not, for auto). */
async function runTreeShap(
  ctx: CommandContext,
  method: 'tree' | 'tree-or-kernel',
  arg: ModelArg,
  model: ModelRuntime,
  data: Table,
  rows: number[],
  flags: ExplainFlags,
  declared: ReturnType<typeof parseSignature> | undefined,
  seed: number,
  notes: string[],
): Promise<{ result: ShapResult; scale: string } | null> {
  const name = arg.kind === 'url' ? arg.url : arg.text;
  const bytes = await modelBytes(ctx, arg, flags);
  const trees = bytes ? readOnnxTrees(bytes, name) : null;
  if (method === 'tree' && !trees)
    throw new VigieError(
      'UNSUPPORTED',
      `--method tree: ${arg.kind === 'url' ? 'a model server does not show its trees' : `${name} has no ai.onnx.ml tree ensemble`}; use --method kernel`,
    );
  if (!trees || !bytes) return null;
  if (!TREE_SHAP && method !== 'tree') {
    notes.push('a tree ensemble, but no Tree SHAP in this build: Kernel SHAP was used');
    return null;
  }
  await using runner = await openOnnxTensorRunner(bytes, trees.input, {
    ...(declared ? { signature: declared } : {}),
    label: name,
  });
  const coverRows = sampleRows(data, Math.max(flags.background, 1000), seed);
  const result = await explainTrees(trees, runner, model.signature, takeRows(data, rows), {
    coverRows,
    treeShap: TREE_SHAP,
  });
  notes.push(`Tree SHAP: node covers counted on ${coverRows.rowCount} rows of the data`);
  return { result, scale: treeScale(trees.ensemble) };
}
