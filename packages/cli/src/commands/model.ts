import { extname, resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { type DeclaredSignature, openModel, parseSignature } from '@vigie/core/models';
import {
  type MetricValue,
  type ModelSignatureRecord,
  type ModelVersion,
  parseRef,
  putFile,
  writeBlobTo,
} from '@vigie/core/registry';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { useColor } from '../io.js';
import { jsonReplacer } from '../outputs.js';
import { codeRefOf } from '../registry/code-ref.js';
import { analysisLine, colors, formatSize, readinessLines, refOf, table } from '../registry/format.js';
import { objectArg } from '../registry/json-arg.js';
import { actorOf, addRegistryOptions, openCliRegistry, type RegistryFlags } from '../registry/open.js';
import { colorFlag } from './common.js';
import { semverOverride } from './dataset.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ModelRegisterFlags extends RegistryFlags {
  dataset?: string;
  type?: string;
  format?: string;
  params?: string;
  metrics?: string;
  signature?: string;
  search?: string;
  code?: string;
  command?: string;
  splitHash?: string[];
  description?: string;
  semver?: string;
  reason?: string;
  json?: boolean;
}

/** `{"validation": {"accuracy": 0.9}}` or `{... {"value": 0.9, "ci": [0.88, 0.92]}}`. */
function parseMetrics(raw: Record<string, unknown>): Record<string, Record<string, MetricValue>> {
  const out: Record<string, Record<string, MetricValue>> = {};
  for (const [split, metrics] of Object.entries(raw)) {
    if (!metrics || typeof metrics !== 'object')
      throw new VigieError('INVALID_ARGUMENT', `--metrics: "${split}" must map metric names to numbers`, {
        details: { field: `metrics.${split}` },
      });
    out[split] = {};
    for (const [name, v] of Object.entries(metrics as Record<string, unknown>)) {
      const value = typeof v === 'number' ? v : (v as { value?: unknown })?.value;
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new VigieError(
          'INVALID_ARGUMENT',
          `--metrics: ${split}.${name} must be a finite number or {"value", "ci"}`,
          {
            details: { field: `metrics.${split}.${name}` },
          },
        );
      const ci = typeof v === 'object' ? ((v as { ci?: [number, number] }).ci ?? null) : null;
      out[split]![name] = { value, ci };
    }
  }
  return out;
}

/**
 * The signature stored with a version: an ONNX model's own (inputs, outputs, task, classes),
 * completed or overridden by --signature; for other formats, the declared one. Opening an ONNX
 * model here also refuses a corrupt one before it is registered.
 */
async function signatureOf(
  path: string,
  label: string,
  format: string,
  declared: DeclaredSignature | undefined,
): Promise<ModelSignatureRecord | null> {
  if (format === 'onnx') {
    await using model = await openModel(path, { label, ...(declared ? { signature: declared } : {}) });
    const s = model.signature;
    return {
      task: s.task,
      inputs: s.inputs,
      outputs: s.outputs,
      ...(s.classes ? { classes: s.classes } : {}),
    };
  }
  if (!declared?.inputs || !declared.outputs) return null;
  return {
    ...(declared.task ? { task: declared.task } : {}),
    inputs: declared.inputs,
    outputs: declared.outputs,
    ...(declared.classes ? { classes: declared.classes } : {}),
  };
}

export function registerModelCommands(program: Command, ctx: CommandContext): void {
  const group = program
    .command('model')
    .summary('register, list, show and fetch versioned models')
    .description(
      'Models in the registry: immutable versions with the dataset version and splits they were trained on, the ' +
        'training code (git commit and dirty flag), hyperparameters, metrics per split, signature and the artifact ' +
        '(SHA-256). References are NAME, NAME@3, NAME@1.2.0 or NAME@ALIAS.',
    );

  const register = group
    .command('register')
    .summary('register a model file as a new model version')
    .argument('<name>', 'the model name')
    .argument('<file>', 'the model artifact (e.g. model.onnx)')
    .option('--dataset <ref>', 'the dataset version it was trained on (e.g. penguins@3)')
    .option('--type <type>', 'model type, e.g. gbdt, logistic, sklearn.RandomForestClassifier', 'unknown')
    .option('--format <format>', 'artifact format (default: from the extension)')
    .option('--params <json|file>', 'hyperparameters, inline JSON or a JSON file')
    .option('--metrics <json|file>', 'metrics per split: {"validation": {"accuracy": 0.91}, "test": {...}}')
    .option(
      '--signature <json|file>',
      'complete or override the signature read from an ONNX model: {"task", "inputs": [{"name", "type"}], "outputs", "classes"}',
    )
    .option(
      '--search <json|file>',
      'the hyperparameter search that chose the parameters (method, seed, trials)',
    )
    .option('--code <path>', 'the training code: its git commit and dirty flag are recorded', '.')
    .option('--command <cmd>', 'the command that trained it')
    .option(
      '--split-hash <name=sha256>',
      "membership hash of a split used (repeatable; default: the dataset version's splits)",
      collect,
    )
    .option('--description <text>', 'a description')
    .option('--semver <bump|x.y.z>', 'override the semver the policy derives')
    .option('--reason <text>', 'why the semver is overridden (required with --semver)')
    .option('--json', 'print {"name", "version", "semver", "hash", ...} on stdout');
  addRegistryOptions(register);
  register.addHelpText(
    'after',
    `
Semver from the lineage diff with the newest version: feature pipeline changed (input signature, or
the training dataset's schema or transformations) → major; model changed (type, hyperparameters,
training code) → minor; only the training data → patch.

Examples:
  $ vigie model register penguin-clf model.onnx --dataset penguins@3 --type gbdt --params '{"depth": 4}' \\
      --metrics metrics.json --command "python train.py"`,
  );
  register.action(async (name: string, file: string, flags: ModelRegisterFlags) => {
    const path = resolve(ctx.io.cwd, file);
    const cwd = ctx.io.cwd;
    const semver = semverOverride(flags);
    const splitHashes: Record<string, string> = {};
    for (const pair of flags.splitHash ?? []) {
      const [k, v] = pair.split('=');
      if (!k || !v)
        throw new VigieError('INVALID_ARGUMENT', `--split-hash: expected NAME=SHA256, got "${pair}"`, {
          details: { field: 'split-hash' },
        });
      splitHashes[k] = v;
    }
    await using registry = await openCliRegistry(ctx, flags);
    const dataset = flags.dataset ? await registry.store.getDataset(parseRef(flags.dataset)) : null;
    if (dataset && Object.keys(splitHashes).length === 0)
      for (const s of dataset.splits) splitHashes[s.name] = s.membershipHash;
    const format = flags.format ?? (extname(path).slice(1).toLowerCase() || 'unknown');
    const declared = flags.signature
      ? parseSignature(objectArg(flags.signature, '--signature', cwd), '--signature')
      : undefined;
    const signature = await signatureOf(path, file, format, declared);
    const artifact = await putFile(registry.blobs, path);
    const result = await registry.store.registerModel({
      name,
      by: actorOf(ctx, flags),
      dataset: dataset ? dataset.id : null,
      splitHashes,
      trainingCode: codeRefOf(resolve(cwd, flags.code ?? '.'), flags.command ?? null),
      modelType: flags.type ?? 'unknown',
      hyperparameters: flags.params ? objectArg(flags.params, '--params', cwd) : {},
      search: flags.search ? objectArg(flags.search, '--search', cwd) : null,
      metrics: flags.metrics ? parseMetrics(objectArg(flags.metrics, '--metrics', cwd)) : {},
      signature,
      artifactHash: artifact.hash,
      artifactFormat: format,
      sizeBytes: artifact.size,
      ...(flags.description ? { description: flags.description } : {}),
      ...(semver ? { semver } : {}),
    });
    const v = result.version;
    if (flags.json) {
      const out = {
        name: v.name,
        version: v.version,
        semver: v.semver,
        hash: v.artifactHash,
        id: v.id,
        created: result.created,
        bump: v.semverDecision.bump,
        reason: v.semverDecision.reason,
      };
      return void ctx.io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
    const head = result.created ? `registered ${refOf(v)}` : `unchanged: ${refOf(v)} already is this model`;
    ctx.io.stdout.write(
      `${head}  semver ${v.semver} (${v.semverDecision.bump}: ${v.semverDecision.reason})\n  sha256:${v.artifactHash}  ${formatSize(v.sizeBytes)}  ${v.artifactFormat}${v.datasetId ? `  trained on ${v.datasetId}` : ''}\n`,
    );
  });

  const list = group
    .command('list')
    .summary('list models (the newest version of each), or the versions of one')
    .argument('[name]', 'list the versions of this model')
    .option('--json', 'print the versions as JSON');
  addRegistryOptions(list);
  list.action(
    async (name: string | undefined, flags: RegistryFlags & { json?: boolean }, command: Command) => {
      await using registry = await openCliRegistry(ctx, flags);
      const versions = await registry.store.listModels(name ? { name } : {});
      if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(versions, jsonReplacer, 2)}\n`);
      if (versions.length === 0)
        return void ctx.io.stdout.write(name ? `no versions of ${name}\n` : 'no models registered\n');
      const c = colors(useColor(ctx.io, colorFlag(command)));
      const rows = [['REF', 'SEMVER', 'TYPE', 'DATASET', 'SIZE', 'CREATED', 'BY'].map(c.bold)];
      for (const v of versions)
        rows.push([
          refOf(v),
          v.semver,
          v.modelType,
          v.datasetId?.replace(/^dataset:/, '') ?? '-',
          formatSize(v.sizeBytes),
          v.createdAt,
          v.createdBy,
        ]);
      ctx.io.stdout.write(`${table(rows)}\n`);
    },
  );

  const show = group
    .command('show')
    .summary('show a model version: lineage, parameters, metrics, evaluations, readiness for promotion')
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .option('--json', 'print everything as JSON');
  addRegistryOptions(show);
  show.action(async (ref: string, flags: RegistryFlags & { json?: boolean }, command: Command) => {
    await using registry = await openCliRegistry(ctx, flags);
    const { store } = registry;
    const v = await store.getModel(parseRef(ref));
    const [analyses, evaluations, readiness, aliases] = await Promise.all([
      store.listAnalyses(v.id),
      store.listEvaluations(v.id),
      store.modelReadiness(parseRef(v.id)),
      store.listAliases('model', v.name),
    ]);
    const pointing = aliases.filter((a) => a.targetId === v.id).map((a) => a.alias);
    if (flags.json)
      return void ctx.io.stdout.write(
        `${JSON.stringify({ ...v, analyses, evaluations, readiness, aliases: pointing }, jsonReplacer, 2)}\n`,
      );
    const c = colors(useColor(ctx.io, colorFlag(command)));
    ctx.io.stdout.write(
      `${describeModel(v, c, pointing)
        .concat(
          `  evaluations:${evaluations.length === 0 ? ' none' : ''}`,
          ...evaluations.map(
            (e) =>
              `    ${e.id} ${e.split ?? '-'} ${e.status} ${Object.entries(e.metrics)
                .map(([k, m]) => `${k}=${m.value}`)
                .join(' ')}`,
          ),
          `  analyses:${analyses.length === 0 ? ' none' : ''}`,
          ...analyses.map((a) => analysisLine(c, a)),
          ...readinessLines(c, readiness, '  ready for promotion'),
        )
        .join('\n')}\n`,
    );
  });

  const get = group
    .command('get')
    .summary('write the registered artifact of a model version to a file (verified)')
    .argument('<ref>', 'NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS')
    .requiredOption('--out <file>', 'where to write the artifact');
  addRegistryOptions(get);
  get.action(async (ref: string, flags: RegistryFlags & { out: string }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const v = await registry.store.getModel(parseRef(ref));
    await writeBlobTo(registry.blobs, v.artifactHash, resolve(ctx.io.cwd, flags.out));
    ctx.io.stdout.write(`wrote ${flags.out}: ${refOf(v)}, sha256:${v.artifactHash} verified\n`);
  });
}

function describeModel(v: ModelVersion, c: ReturnType<typeof colors>, aliases: string[]): string[] {
  const code = v.trainingCode;
  return [
    `${c.bold(refOf(v))}  semver ${v.semver} (${v.semverDecision.bump}: ${v.semverDecision.reason})`,
    `  ${v.modelType}  ${v.artifactFormat}  sha256:${v.artifactHash}  ${formatSize(v.sizeBytes)}`,
    `  created ${v.createdAt} by ${v.createdBy}${v.description ? ` — ${v.description}` : ''}`,
    `  aliases: ${aliases.length ? aliases.join(', ') : 'none'}`,
    `  trained on: ${v.datasetId ?? 'not recorded'}${Object.keys(v.splitHashes).length ? ` (splits ${Object.keys(v.splitHashes).join(', ')})` : ''}`,
    `  code: ${code?.gitCommit ? `${code.gitCommit.slice(0, 12)}${code.dirty ? ' (dirty)' : ''}` : 'no git commit'}${code?.command ? `  $ ${code.command}` : ''}`,
    `  hyperparameters: ${JSON.stringify(v.hyperparameters)}`,
    `  metrics: ${Object.keys(v.metrics).length === 0 ? 'none' : ''}`,
    ...Object.entries(v.metrics).map(
      ([split, m]) =>
        `    ${split}: ${Object.entries(m)
          .map(([k, x]) => `${k}=${x.value}${x.ci ? ` [${x.ci[0]}, ${x.ci[1]}]` : ''}`)
          .join('  ')}`,
    ),
    `  signature: ${v.signature ? `${v.signature.inputs.length} inputs → ${v.signature.outputs.map((o) => o.name).join(', ')}` : 'not recorded'}`,
  ];
}
