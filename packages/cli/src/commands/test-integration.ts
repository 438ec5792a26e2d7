import { parseSignature } from '@vigie/core/models';
import { profileTable } from '@vigie/core/profile';
import { createReport } from '@vigie/core/report';
import { getColumn } from '@vigie/core/table';
import {
  answersShapeVerdicts,
  applyExpectations,
  type CaseResult,
  caseVerdicts,
  generateCases,
  latencySummary,
  parseExpectationRule,
  runFunctionCases,
  runHttpCases,
} from '@vigie/core/testing';
import type { Verdict } from '@vigie/core/verdict';
import { type Command, Option } from 'commander';
import { type CommandContext, VERSION } from '../context.js';
import { loadTable, openSession, resolveFrom } from '../data.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { registerFakeCommand } from '../integration/fake-command.js';
import { headersOf, labelClasses, listCases, parseRange } from '../integration/flag-values.js';
import { registerGoldenCommands } from '../integration/golden-command.js';
import { loadFunction, parseFunctionSpec } from '../integration/load-function.js';
import { renderIntegration } from '../integration/render.js';
import { runSkew } from '../integration/skew-mode.js';
import { useColor } from '../io.js';
import { parseList, parseNumber, parsePositiveInt, type ReadFlags } from '../options.js';
import { emitReports, type ReportFlags } from '../outputs.js';
import { createProgress } from '../progress.js';
import { jsonArg } from '../registry/json-arg.js';
import { addReadOptions, addReportOptions, colorFlag } from './common.js';

interface IntegrationFlags extends ReadFlags, ReportFlags {
  data: string;
  target?: string;
  module?: string;
  export?: string;
  call?: 'batch' | 'row';
  skew?: string[];
  label?: string;
  exclude?: string[];
  columns?: string[];
  signature?: string;
  timeout?: number;
  latencyBudget?: number;
  nominalRows?: number;
  largeBatch?: number;
  longString?: number;
  strict?: boolean;
  expect?: string[];
  range?: string[];
  header?: string[];
  tolerance?: number;
  list?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const RUN_HELP = `
Outcomes: reject (4xx with {"error": {"code", "message"}}, or a thrown Error), drop (rows left out),
repair (rows kept, output valid), succeed (nominal rows). Abnormal cases accept reject, drop or repair
unless --strict or --expect narrows them; nominal cases must succeed.

Exit codes: 0 every case passed, 1 a case failed (each is named), 2 usage or input error.

Examples:
  $ vigie test-integration --target http://127.0.0.1:7800/v1/models/penguins/predict --data penguins.csv --label species
  $ vigie test-integration --module pipeline.mjs --export clean --data penguins.csv --label species
  $ vigie test-integration --skew train-features.mjs:features serve-features.mjs:features --data penguins.csv
  $ vigie test-integration golden build --model model.onnx --data penguins.csv --label species --out golden.json
  $ vigie test-integration golden check --model model.onnx --golden golden.json
  $ vigie test-integration fake --data penguins.csv --label species --out fake.onnx`;

export function registerTestIntegration(program: Command, ctx: CommandContext): void {
  const group = program
    .command('test-integration')
    .summary(
      'send abnormal and nominal data through a service or a function; check fake models, short-circuits and skew',
    )
    .description(
      'Test the model inside its data chain. From the dataset --data (its schema and profile) Vigie generates ' +
        'nominal cases (real rows) and abnormal ones (nulls, NaN and ±Infinity, out-of-range and extreme numbers, ' +
        'wrong types, empty and very long strings, unicode edge cases, unseen categories, missing and extra fields, ' +
        'duplicated rows, empty and very large batches) and sends them:\n' +
        '  --target URL      to a predict endpoint in the gateway format (POST {"rows": [...]}): an abnormal case ' +
        'must get a 4xx with a JSON error body or a 200 with well-formed predictions; a 5xx, a timeout, a dropped ' +
        'connection or a malformed answer fails it; nominal cases must get 200.\n' +
        '  --module FILE     through a cleaning or feature function exported by a JavaScript module: it must drop, ' +
        'repair or reject (throw an Error) abnormal rows, never crash (TypeError...), and its output rows must keep ' +
        'the types, finiteness and ranges its nominal output has.\n' +
        '  --skew TRAIN SERVE  the rows of --data through the training-time and serving-time feature functions ' +
        '(FILE:EXPORT each): the features must be equal, or the differences are listed per column.\n' +
        'Subcommands: golden build|check (inputs that trigger each class), fake (a tiny stand-in model as ONNX). ' +
        'Details: docs/integration-testing.md.',
    );
  // The sending of cases is the default subcommand, so `vigie test-integration --target ...` runs it
  // while golden and fake keep options of the same names (--data, --json) to themselves.
  const cmd = group
    .command('run', { isDefault: true })
    .summary('send the cases (the default: `vigie test-integration --target ...` is `... run --target ...`)')
    .description(
      'Send generated abnormal and nominal cases to --target or through --module, or compare two feature ' +
        'functions with --skew. Details: docs/integration-testing.md.',
    )
    .option('--data <file>', 'the dataset the cases come from (CSV, Parquet or JSON Lines)')
    .option('--target <url>', 'a predict endpoint, e.g. http://127.0.0.1:7800/v1/models/penguins/predict')
    .option('--module <file>', 'a JavaScript module exporting the cleaning or feature function')
    .option('--export <name>', 'the function --module exports (default: its default export)')
    .addOption(
      new Option(
        '--call <how>',
        'batch: fn(rows) returns rows; row: fn(row) returns a row, or null to drop it',
      ).choices(['batch', 'row']),
    )
    .option('--skew <functions...>', 'TRAIN_FILE:EXPORT SERVE_FILE:EXPORT, compared on the rows of --data')
    .option('--label <column>', 'the label column: left out of the rows; its values are the known classes')
    .option('--exclude <column>', 'a column left out of the rows (repeatable)', collect)
    .option(
      '--columns <a,b,...>',
      'the columns each row carries (default: all but --label and --exclude)',
      parseList,
    )
    .option(
      '--signature <json|file>',
      '{"task", "classes", "inputs"}: the answers must conform to it; its inputs are the columns',
    )
    .option(
      '--timeout <ms>',
      'per request or asynchronous call: no answer by then fails the case (default 5000)',
      parsePositiveInt,
    )
    .option('--latency-budget <ms>', 'nominal cases slower than this fail', parseNumber)
    .option('--nominal-rows <n>', 'real rows sent as nominal cases (default 20)', parsePositiveInt)
    .option('--large-batch <n>', 'rows of the very large batch (default 10000)', parsePositiveInt)
    .option('--long-string <n>', 'characters of the very long string (default 100000)', parsePositiveInt)
    .option(
      '--strict',
      'rows breaking the schema (wrong type, missing field, NaN/Infinity) must be rejected or dropped',
    )
    .option(
      '--expect <pattern=outcomes>',
      'what cases matching the pattern must get, e.g. "null:*=drop" or "*:sex=repair,drop" (repeatable; outcomes: reject, drop, repair, succeed)',
      collect,
    )
    .option(
      '--range <column=lo:hi>',
      '--module: bounds an output column must stay within (repeatable)',
      collect,
    )
    .option('--header <"Name: value">', '--target: an HTTP header to send (repeatable)', collect)
    .option(
      '--tolerance <x>',
      '--skew: numbers agree within this absolute and relative difference (default 1e-9)',
      parseNumber,
    )
    .option(
      '--list',
      'print the generated cases (name: what it exercises → expected outcomes) and send nothing',
    );
  addReadOptions(cmd);
  addReportOptions(cmd);
  cmd.addHelpText('after', RUN_HELP);
  cmd.action(async (flags: IntegrationFlags, command: Command) => {
    const modes = [flags.target, flags.module, flags.skew].filter((m) => m !== undefined).length;
    if (modes !== 1)
      throw new UsageError(
        'test-integration: give one of --target URL, --module FILE or --skew TRAIN SERVE (or a subcommand: golden, fake)',
      );
    if (!flags.data) throw new UsageError('test-integration: --data FILE is required');
    if (flags.target && !/^https?:\/\//i.test(flags.target))
      throw new UsageError(`--target ${flags.target}: expected an http:// or https:// URL`);
    if (flags.skew && flags.skew.length !== 2)
      throw new UsageError('--skew: expected two functions, TRAIN_FILE:EXPORT SERVE_FILE:EXPORT');
    const cwd = ctx.io.cwd;
    const signature = flags.signature
      ? parseSignature(jsonArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const rules = (flags.expect ?? []).map(parseExpectationRule);
    const ranges = Object.fromEntries((flags.range ?? []).map(parseRange));
    const progress = createProgress(ctx.io, !flags.json);
    await using db = await openSession();
    const data = await loadTable(db, resolveFrom(cwd, flags.data), flags, progress);
    const exclude = [...(flags.exclude ?? []), ...(flags.label ? [flags.label] : [])];
    for (const c of exclude) getColumn(data, c);
    const columns =
      flags.columns ?? (signature?.inputs?.length ? signature.inputs.map((f) => f.name) : undefined);
    const color = useColor(ctx.io, colorFlag(command));
    let verdicts: Verdict[];
    let header: string;
    let extra: string[] = [];
    let summary: Record<string, unknown>;
    if (flags.skew) {
      ({ verdicts, header, summary } = await runSkew(data, flags.skew, {
        cwd,
        exclude: flags.exclude ?? [],
        ...(columns ? { columns } : {}),
        ...(flags.call ? { call: flags.call } : {}),
        ...(flags.tolerance !== undefined ? { tolerance: flags.tolerance } : {}),
      }));
    } else {
      const profile = profileTable(data, { contentHash: false });
      const generated = generateCases(data, {
        profile,
        ...(columns ? { columns } : { exclude }),
        ...(flags.nominalRows !== undefined ? { nominalRows: flags.nominalRows } : {}),
        ...(flags.largeBatch !== undefined ? { largeBatchRows: flags.largeBatch } : {}),
        ...(flags.longString !== undefined ? { longStringLength: flags.longString } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      });
      const cases = applyExpectations(flags.module ? generated.filter((c) => !c.httpOnly) : generated, {
        strict: flags.strict ?? false,
        rules,
      });
      if (flags.list) {
        ctx.io.stdout.write(listCases(cases, flags.json ?? false));
        return;
      }
      const onCase = (_r: CaseResult, done: number, total: number) =>
        progress.update('sending cases', done, total);
      let results: CaseResult[];
      const classes = signature?.classes ?? (flags.label ? labelClasses(data, flags.label) : undefined);
      if (flags.target) {
        results = await runHttpCases(flags.target, cases, {
          timeoutMs: flags.timeout ?? 5000,
          ...(flags.latencyBudget !== undefined ? { latencyBudgetMs: flags.latencyBudget } : {}),
          ...(signature?.task ? { task: signature.task } : {}),
          ...(classes ? { classes } : {}),
          ...(flags.header ? { headers: headersOf(flags.header) } : {}),
          onCase,
        });
        header = `${flags.target} · ${cases.length} cases`;
      } else {
        const spec = parseFunctionSpec(flags.module!, '--module');
        const fn = await loadFunction(spec.path, flags.export ?? spec.name, cwd, '--module');
        const run = await runFunctionCases(fn, cases, {
          call: flags.call ?? 'batch',
          timeoutMs: flags.timeout ?? 5000,
          ranges,
          profile,
          onCase,
        });
        results = run.results;
        header = `${flags.module}${flags.export ? `:${flags.export}` : ''} · ${cases.length} cases`;
        extra = [
          `output contract (from the nominal cases): ${run.contract.columns.map((c) => `${c.name} ${c.types.join('|')}${c.nullable ? '?' : ''}${c.range ? ` [${c.range[0]}, ${c.range[1]}]` : ''}`).join(', ') || 'no columns'}`,
        ];
      }
      progress.done();
      verdicts = caseVerdicts(results, flags.target ? `POST ${flags.target}` : `function ${flags.module}`);
      if (flags.target)
        verdicts.push(
          ...answersShapeVerdicts(results, {
            ...(signature?.task ? { task: signature.task } : {}),
            ...(classes ? { classes } : {}),
          }),
        );
      const latency = latencySummary(results);
      if (latency)
        extra.push(
          `latency: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
        );
      summary = {
        mode: flags.target ? 'http' : 'function',
        target: flags.target ?? flags.module,
        cases: results.length,
        failed: results.filter((r) => !r.passed).map((r) => ({ case: r.case, failure: r.failure })),
        latencyMs: latency,
      };
    }
    const report = createReport({
      command: 'test-integration',
      title: `vigie test-integration ${header}`,
      vigieVersion: VERSION,
      verdicts,
    });
    await emitReports(ctx.io, report, flags, { ...report, integration: summary });
    if (!flags.json) ctx.io.stdout.write(renderIntegration(report, header, color, extra));
    if (report.counts.fail > 0) ctx.exitCode = EXIT_FAILED;
  });
  registerGoldenCommands(group, ctx);
  registerFakeCommand(group, ctx);
  group.addHelpText('after', () => `\nThe default subcommand, run:\n\n${cmd.helpInformation()}${RUN_HELP}`);
}
