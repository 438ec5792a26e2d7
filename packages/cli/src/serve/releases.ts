import type { OpenedRegistry } from '@vigie/core/registry';
import type { CommandContext } from '../context.js';
import { parseModelArg } from '../predict/model-arg.js';
import { openCliRegistry, type RegistryFlags } from '../registry/open.js';

/**
 * The registry `vigie serve` records release decisions in: the one named by --registry or
 * VIGIE_REGISTRY, or the default one when a served model is a registered version (the registry
 * is then in use anyway). Null when the gateway serves only files and model servers: releases
 * still run, their decisions kept by the gateway (docs/releases.md).
 */
export async function openReleaseRegistry(
  ctx: CommandContext,
  flags: RegistryFlags,
  models: Iterable<string>,
): Promise<OpenedRegistry | null> {
  const named = flags.registry !== undefined || ctx.io.env.VIGIE_REGISTRY !== undefined;
  const usesRefs = [...models].some((text) => parseModelArg(text, ctx.io.cwd).kind === 'ref');
  return named || usesRefs ? openCliRegistry(ctx, flags) : null;
}
