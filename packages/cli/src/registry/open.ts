import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseConfig } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';
import {
  DEFAULT_READINESS_POLICY,
  DEFAULT_REGISTRY,
  type OpenedRegistry,
  openRegistry,
  parseBlobUrl,
  parseRegistryUrl,
  type ReadinessPolicy,
} from '@vigie/core/registry';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

export interface RegistryFlags {
  registry?: string;
  blobs?: string;
  token?: string;
  actor?: string;
}

/** Adds --registry, --blobs, --token and --actor to a registry command. */
export function addRegistryOptions(cmd: Command): Command {
  return cmd
    .option(
      '--registry <url>',
      `sqlite:PATH, postgres://... or http(s)://... (default: VIGIE_REGISTRY or ${DEFAULT_REGISTRY})`,
    )
    .option(
      '--blobs <location>',
      'where bytes go: a folder or s3://BUCKET/PREFIX (default: VIGIE_BLOBS, or beside a SQLite registry)',
    )
    .option('--token <token>', 'token for a Vigie server (default: VIGIE_TOKEN)')
    .option(
      '--actor <name>',
      'who is acting, recorded with every change (default: VIGIE_ACTOR or the user name)',
    );
}

/** Who acts: --actor, VIGIE_ACTOR, or the system user. A server replaces it with its token's name. */
export function actorOf(ctx: CommandContext, flags: RegistryFlags): string {
  if (flags.actor) return flags.actor;
  if (ctx.io.env.VIGIE_ACTOR) return ctx.io.env.VIGIE_ACTOR;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The readiness rules: the `registry.readiness` section of ./vigie.yaml when there is one (a
 * server applies its own), else the defaults.
 */
export async function readinessPolicyFrom(
  cwd: string,
  config = 'vigie.yaml',
  required = false,
): Promise<ReadinessPolicy> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, config), 'utf8');
  } catch (cause) {
    if (!required) return DEFAULT_READINESS_POLICY;
    throw new VigieError(
      'FILE_NOT_FOUND',
      `${config}: cannot read the config (${(cause as NodeJS.ErrnoException).code})`,
      {
        cause,
        details: { file: config },
      },
    );
  }
  return policyOf(parseConfig(text, config).registry?.readiness);
}

export function policyOf(
  r: { dataset: string[]; model: { splits: string[]; gates: boolean } } | undefined,
): ReadinessPolicy {
  return r
    ? { dataset: { required: r.dataset }, model: { requiredSplits: r.model.splits, gates: r.model.gates } }
    : DEFAULT_READINESS_POLICY;
}

/** Opens the registry named by the flags or the environment (the CLI is the only reader of env). */
export async function openCliRegistry(
  ctx: CommandContext,
  flags: RegistryFlags,
  policy?: ReadinessPolicy,
): Promise<OpenedRegistry> {
  const env = ctx.io.env;
  const registry = parseRegistryUrl(flags.registry ?? env.VIGIE_REGISTRY ?? DEFAULT_REGISTRY, ctx.io.cwd);
  const blobsText = flags.blobs ?? env.VIGIE_BLOBS;
  const token = flags.token ?? env.VIGIE_TOKEN;
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return openRegistry({
    registry,
    ...(blobsText ? { blobs: parseBlobUrl(blobsText, ctx.io.cwd) } : {}),
    ...(token ? { token } : {}),
    s3: { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) },
    policy:
      policy ?? (registry.kind === 'http' ? DEFAULT_READINESS_POLICY : await readinessPolicyFrom(ctx.io.cwd)),
  });
}
