import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { parseMonitorConfig } from '@vigie/core/monitor';
import type { DatasetProfile } from '@vigie/core/profile';
import { type Gateway, type GatewayMonitoring, startMonitoring } from '@vigie/gateway';
import type { CommandContext } from '../context.js';
import { loadProfileFile } from '../data.js';
import { UsageError } from '../exit-codes.js';

/**
 * `vigie serve --monitor FILE` (or `--probes FILE`): reads the monitoring file (probes, alerts,
 * drift watches with their training profiles, relative to the file), checks that every model it
 * names is served, and starts the monitors on the gateway. Alerts and failed probes are one line
 * each on stderr besides the webhook.
 */
export async function startServeMonitoring(
  ctx: CommandContext,
  gateway: Gateway,
  args: { file: string; url: string; logHealth?: () => { lagMs: number; dropped: number } },
): Promise<GatewayMonitoring> {
  const path = resolve(ctx.io.cwd, args.file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${args.file}: cannot read the monitoring file (${code === 'ENOENT' ? 'no such file' : code})`,
      { cause, details: { file: args.file } },
    );
  }
  const config = parseMonitorConfig(text, args.file);
  const served = new Set(gateway.routes().map((r) => r.name));
  const named = [
    ...Object.keys(config.drift ?? {}).map((m) => ['drift', m] as const),
    ...(config.probes?.items ?? []).map((p) => [`probe ${p.name}`, p.model] as const),
  ];
  for (const [what, model] of named)
    if (!served.has(model))
      throw new UsageError(`${args.file}: ${what} names model "${model}", which is not served`);
  const profiles = new Map<string, DatasetProfile>();
  for (const [model, watch] of Object.entries(config.drift ?? {}))
    profiles.set(model, await loadProfileFile(resolve(dirname(path), watch.profile)));
  const err = ctx.io.stderr;
  const monitoring = startMonitoring(gateway, {
    config,
    profiles,
    baseUrl: args.url,
    ...(args.logHealth ? { logHealth: args.logHealth } : {}),
    onAlert(alert, delivery) {
      const sent =
        delivery === null ? '' : delivery.ok ? ' (webhook: delivered)' : ` (webhook: ${delivery.error})`;
      err.write(`vigie serve: alert ${alert.status} ${alert.rule}: ${alert.summary}${sent}\n`);
    },
    onError(error) {
      err.write(`vigie serve: monitoring error: ${(error as Error).message?.split('\n')[0]}\n`);
    },
    onProbe(result) {
      if (!result.ok) err.write(`vigie serve: probe ${result.name} failed: ${result.reason}\n`);
    },
  });
  monitoring.start();
  return monitoring;
}
