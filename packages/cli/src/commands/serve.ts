import {
  anonymizer,
  checkAnonymizedFields,
  DEFAULT_PREDICTION_LOG,
  openPredictionLog,
  type PredictionLog,
  parseAnonymization,
} from '@vigie/core/monitor';
import {
  type AckMode,
  createGateway,
  createReleaseController,
  DEFAULT_MAX_BATCH_ROWS,
  RELEASES_PREFIX,
  type ReleaseController,
  type Route,
  releaseRoutes,
  type ServedModel,
  tapFeedback,
} from '@vigie/gateway';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { parsePositiveInt, parseSize } from '../options.js';
import type { ModelFlags } from '../predict/model-arg.js';
import { jsonArg } from '../registry/json-arg.js';
import { actorOf, addRegistryOptions } from '../registry/open.js';
import { prepareServeMonitoring, startServeMonitoring } from '../serve/monitoring.js';
import { openReleaseRegistry } from '../serve/releases.js';
import { loadServed, parseAssignments, parseSignatures } from '../serve/served-models.js';
import { stopSignal } from '../serve/stop-signal.js';

interface ServeFlags extends ModelFlags {
  model: string[];
  shadow?: string[];
  signature?: string[];
  beta?: string[];
  host: string;
  port: number;
  log: string | false;
  ack: AckMode;
  maxBody?: number;
  maxBatch?: number;
  adminToken?: string;
  anonymize?: string;
  shadowTimeout?: number;
  monitor?: string;
  probes?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, got "${value}"`);
  return n;
}

/** `vigie serve`: the gateway (data plane) in front of one or more models. */
export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('serve')
    .summary('serve models over HTTP through the gateway (validation, routing, prediction log, metrics)')
    .description(
      'Serve models through the Vigie gateway: POST /v1/models/NAME/predict with {"rows": [...]} answers a ' +
        'prediction per row with its id; inputs are checked against the model signature and outputs before they ' +
        'are returned; every prediction goes to the prediction log (SQLite by default), POST /v1/feedback joins ' +
        'labels to it; /metrics (Prometheus), /healthz, /readyz; /v1/admin/routes shows and swaps routes. Models ' +
        'are registered versions (NAME@VERSION, NAME@ALIAS), .onnx files or model server URLs. Stops cleanly ' +
        'on Ctrl+C (SIGINT) or SIGTERM, after the requests in flight and the log. Details: docs/gateway.md.',
    )
    .requiredOption(
      '--model <name=ref|file>',
      'serve a model as NAME (repeatable): penguins=penguins@champion, clf=model.onnx',
      collect,
    )
    .option(
      '--shadow <name=ref|file>',
      'mirror the traffic of NAME to this model, asynchronously (repeatable)',
      collect,
    )
    .option(
      '--signature <name=json|file>',
      'declare or complete the signature of model NAME and its shadow (repeatable)',
      collect,
    )
    .option('--beta <name>', 'answers of model NAME carry "beta": true (repeatable)', collect)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 7800)
    .option(
      '--log <url>',
      `prediction log: sqlite:PATH, postgres://..., nats://HOST:PORT/STREAM (default ${DEFAULT_PREDICTION_LOG})`,
    )
    .option('--no-log', 'keep no prediction log (and take no feedback)')
    .addOption(
      new Option(
        '--ack <when>',
        'answer once the request is received, or once its predictions are logged (committed)',
      )
        .choices(['received', 'logged'])
        .default('received'),
    )
    .option('--max-body <size>', 'largest request body (default 1MiB); larger gets 413', parseSize)
    .option(
      '--max-batch <rows>',
      `most rows per request (default ${DEFAULT_MAX_BATCH_ROWS}); more gets 413`,
      parsePositiveInt,
    )
    .option(
      '--admin-token <token>',
      'bearer token the admin API requires (default: VIGIE_ADMIN_TOKEN; none: no check)',
    )
    .option(
      '--anonymize <json|file>',
      'fields to drop or hash before logging: {"drop": [...], "hash": [...], "key": "..."}',
    )
    .option('--monitor <file>', 'probes, alert rules (webhook) and drift watches: docs/monitoring.md')
    .option('--probes <file>', 'the same file format as --monitor (one or the other)')
    .option('--shadow-timeout <ms>', 'per shadow call (default 1000)', parsePositiveInt)
    .option('--threads <n>', "ONNX Runtime's threads per model (default 1)", parsePositiveInt)
    .addHelpText(
      'after',
      `
Examples:
  $ vigie serve --model penguins=penguins@champion
  $ vigie serve --model penguins=model.onnx --log sqlite:predictions.db --ack logged
  $ vigie serve --model penguins=penguins@champion --shadow penguins=penguins@challenger --port 8080
  $ curl -s localhost:7800/v1/models/penguins/predict -d '{"rows": [{"bill_length_mm": 39.1, ...}]}'`,
    );
  addRegistryOptions(cmd);
  cmd.action((flags: ServeFlags) => serve(ctx, flags, stopSignal));
}

/** Loads the models, serves until `stop()` resolves, then drains the requests, the shadow calls and the log. */
export async function serve(
  ctx: CommandContext,
  flags: ServeFlags,
  stop: () => Promise<string>,
): Promise<void> {
  const models = parseAssignments(flags.model, '--model');
  const shadows = parseAssignments(flags.shadow ?? [], '--shadow');
  const signatures = parseSignatures(flags.signature ?? [], ctx.io.cwd);
  const betas = new Set(flags.beta ?? []);
  for (const [option, names] of [
    ['--shadow', [...shadows.keys()]],
    ['--signature', [...signatures.keys()]],
    ['--beta', [...betas]],
  ] as const)
    for (const name of names)
      if (!models.has(name)) throw new UsageError(`${option} ${name}: no --model ${name}=...`);
  const anonymization =
    flags.anonymize === undefined
      ? undefined
      : parseAnonymization(jsonArg(flags.anonymize, '--anonymize', ctx.io.cwd), '--anonymize');
  const adminToken = flags.adminToken ?? ctx.io.env.VIGIE_ADMIN_TOKEN;

  const owned: ServedModel[] = [];
  let log: PredictionLog | undefined;
  const registry = await openReleaseRegistry(ctx, flags, models.values());
  try {
    const load = async (name: string, text: string) => {
      const m = await loadServed(ctx, name, text, { ...flags, beta: betas.has(name) }, signatures.get(name));
      owned.push(m);
      return m;
    };
    const routes: Route[] = [];
    for (const [name, text] of models) {
      const primary = await load(name, text);
      const shadowText = shadows.get(name);
      const shadow = shadowText ? await load(name, shadowText) : undefined;
      if (anonymization)
        checkAnonymizedFields(
          anonymization,
          primary.signature.inputs.map((f) => f.name),
          `--anonymize (model ${name})`,
        );
      routes.push({ name, primary, ...(shadow ? { shadow } : {}) });
    }
    if (flags.monitor && flags.probes)
      throw new UsageError('give --monitor or --probes, not both (one file)');
    const monitorFile = flags.monitor ?? flags.probes;
    const watch = monitorFile
      ? await prepareServeMonitoring(
          ctx,
          monitorFile,
          routes.map((r) => ({ name: r.name, ref: r.primary.ref })),
          registry,
        )
      : undefined;
    if (flags.log !== false)
      log = await openPredictionLog(flags.log ?? DEFAULT_PREDICTION_LOG, {
        cwd: ctx.io.cwd,
        backpressure: flags.ack === 'logged' ? 'wait' : 'drop',
      });
    let releases: ReleaseController | undefined;
    const gateway = createGateway({
      routes,
      // Labels reach the release controller too, which scores candidates as they arrive.
      ...(log ? { log: tapFeedback(log, (f) => releases?.feedback(f)) } : {}),
      ack: flags.ack,
      ...(flags.maxBody !== undefined ? { maxBodyBytes: flags.maxBody } : {}),
      ...(flags.maxBatch !== undefined ? { maxBatchRows: flags.maxBatch } : {}),
      ...(adminToken ? { adminToken } : {}),
      ...(anonymization ? { anonymize: anonymizer(anonymization) } : {}),
      ...(flags.shadowTimeout !== undefined ? { shadow: { timeoutMs: flags.shadowTimeout } } : {}),
      // Versions named by PUT /v1/admin/routes: the gateway keeps them and disposes them on close.
      loadModel: (ref) => loadServed(ctx, ref.split('@')[0]!, ref, { ...flags, beta: false }, undefined),
      onError: (error) => {
        ctx.io.stderr.write(`vigie serve: error: ${(error as Error).message}\n`);
        if (ctx.debug && error instanceof Error && error.stack) ctx.io.stderr.write(`${error.stack}\n`);
      },
    });
    releases = createReleaseController({ gateway, store: registry?.store ?? null, by: actorOf(ctx, flags) });
    gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
    const url = await gateway.listen(flags.port, flags.host);
    const monitors = watch ? startServeMonitoring(ctx, gateway, watch, url, log) : undefined;
    // Listen for the signals before saying we are up: a supervisor may signal as soon as it reads that.
    const stopping = stop();
    const out = ctx.io.stdout;
    const lines = [`vigie serve: listening on ${url}`];
    for (const r of routes)
      lines.push(
        `  ${url}/v1/models/${r.name}/predict -> ${r.primary.ref}${r.primary.beta ? ' (beta)' : ''}${r.shadow ? `, shadow ${r.shadow.ref}` : ''}`,
      );
    lines.push(
      `  prediction log: ${log ? `${log.location} (ack ${flags.ack})` : 'none'}; metrics ${url}/metrics; admin API ${adminToken ? 'needs the token' : 'open (no --admin-token)'}`,
    );
    lines.push(
      `  releases: vigie release apply SPEC --gateway ${url} (decisions ${registry ? `recorded in ${registry.store.location}` : 'kept by the gateway: no registry'})`,
    );
    if (monitors) lines.push(monitors.summary);
    if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1')
      lines.push('  plain HTTP: put it behind TLS (a reverse proxy) before exposing it beyond this network');
    lines.push('  stop with Ctrl+C');
    // One write: whoever reads the first line finds the rest with it.
    out.write(`${lines.join('\n')}\n`);
    const signal = await stopping;
    out.write(`vigie serve: ${signal}, stopping after the requests in flight (again to stop at once)\n`);
    await monitors?.monitoring.close();
    await releases.close();
    await gateway.close();
    out.write('vigie serve: stopped\n');
  } finally {
    if (log) await log[Symbol.asyncDispose]();
    await registry?.[Symbol.asyncDispose]();
    for (const m of owned) await m.model[Symbol.asyncDispose]();
  }
}
