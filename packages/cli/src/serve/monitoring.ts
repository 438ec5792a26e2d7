import { dirname, resolve } from 'node:path';
import { type MonitorConfig, parseMonitorConfig } from '@vigie/core/monitor';
import { type DatasetProfile, parseProfile } from '@vigie/core/profile';
import { type ModelVersion, parseRef, type Registry, readBlob } from '@vigie/core/registry';
import { type Gateway, type GatewayMonitoring, startMonitoring } from '@vigie/gateway';
import type { CommandContext } from '../context.js';
import { loadProfileFile } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { readTextFile } from '../read-text.js';

/** A monitoring file read and checked before the gateway listens. */
export interface ServeMonitoring {
  file: string;
  config: MonitorConfig;
  profiles: Map<string, DatasetProfile>;
}

/**
 * `vigie serve --monitor FILE` (or `--probes FILE`): reads the monitoring file (probes, alerts,
 * drift watches with their training profiles: a file relative to it, or the registry's profile of
 * the served version's training data) and checks that every model it names is served, before the gateway listens, so a bad file is one line and exit 2.
 */
export async function prepareServeMonitoring(
  ctx: CommandContext,
  file: string,
  served: ReadonlyArray<{ name: string; ref: string }>,
  registry: Registry | null,
): Promise<ServeMonitoring> {
  const path = resolve(ctx.io.cwd, file);
  const text = await readTextFile(path, 'monitoring file', file);
  const config = parseMonitorConfig(text, file);
  const named = [
    ...Object.keys(config.drift ?? {}).map((m) => ['drift watch', m] as const),
    ...(config.probes?.items ?? []).map((p) => [`probe ${p.name}`, p.model] as const),
  ];
  for (const [what, model] of named)
    if (!served.some((r) => r.name === model))
      throw new UsageError(
        `${file}: ${what} names model "${model}", which is not served (served: ${served.map((r) => r.name).join(', ')})`,
      );
  const profiles = new Map<string, DatasetProfile>();
  for (const [model, watch] of Object.entries(config.drift ?? {})) {
    profiles.set(
      model,
      watch.profile
        ? await loadProfileFile(resolve(dirname(path), watch.profile))
        : await trainingProfile(file, model, served.find((r) => r.name === model)!.ref, registry),
    );
  }
  return { file, config, profiles };
}

/**
 * The profile the registry holds for the dataset version a served model version was trained on
 * (the newest profile analysis of that version): the default reference of a drift watch.
 */
async function trainingProfile(
  file: string,
  model: string,
  ref: string,
  registry: Registry | null,
): Promise<DatasetProfile> {
  const where = `${file}: drift watch of ${model}`;
  if (!registry)
    throw new UsageError(
      `${where}: give profile: FILE (${ref} is not a registered version, so its training data is unknown)`,
    );
  let version: ModelVersion;
  try {
    version = await registry.store.getModel(parseRef(ref));
  } catch (cause) {
    throw new UsageError(
      `${where}: give profile: FILE (${ref} is not a registered version: ${(cause as Error).message})`,
    );
  }
  if (!version.datasetId)
    throw new UsageError(`${where}: give profile: FILE (${ref} records no training dataset)`);
  const profile = (await registry.store.listAnalyses(version.datasetId))
    .filter((a) => a.kind === 'profile')
    .at(-1);
  if (!profile?.blobHash)
    throw new UsageError(`${where}: give profile: FILE (${version.datasetId} has no stored profile)`);
  const text = new TextDecoder().decode(await readBlob(registry.blobs, profile.blobHash));
  return parseProfile(text, `${version.datasetId} profile`);
}

/**
 * Starts the monitors on the listening gateway. Alerts, failed probes and evaluation errors are
 * one line each on stderr (besides the webhook). Returns the monitors and a line for the banner.
 */
export function startServeMonitoring(
  ctx: CommandContext,
  gateway: Gateway,
  prepared: ServeMonitoring,
  url: string,
  log: { health(): { lagMs: number; dropped: number } } | undefined,
): { monitoring: GatewayMonitoring; summary: string } {
  const err = ctx.io.stderr;
  const { config } = prepared;
  const monitoring = startMonitoring(gateway, {
    config,
    profiles: prepared.profiles,
    baseUrl: url,
    ...(log ? { logHealth: () => log.health() } : {}),
    onAlert(alert, delivery) {
      const sent =
        delivery === null ? '' : delivery.ok ? ' (webhook: delivered)' : ` (webhook: ${delivery.error})`;
      err.write(`vigie serve: alert ${alert.status} ${alert.rule}: ${alert.summary}${sent}\n`);
    },
    onProbe(result) {
      if (!result.ok) err.write(`vigie serve: probe ${result.name} failed: ${result.reason}\n`);
    },
    onError(error) {
      err.write(`vigie serve: monitoring error: ${(error as Error).message?.split('\n')[0]}\n`);
    },
  });
  monitoring.start();
  const parts = [
    config.probes
      ? `${config.probes.items.length} probe(s) every ${config.probes.intervalSeconds} s`
      : 'no probes',
    config.drift ? `drift watched for ${Object.keys(config.drift).join(', ')}` : 'no drift watch',
    config.alerts
      ? `${config.alerts.rules.length} alert rule(s)${config.alerts.webhook ? ' to the webhook' : ' (no webhook: stderr only)'}`
      : 'no alerts',
  ];
  return {
    monitoring,
    summary: `  monitoring (${prepared.file}): ${parts.join('; ')}; state at ${url}/v1/monitor`,
  };
}
