import { resolve } from 'node:path';
import { checkOfflineGates, parseDuration, type ReleaseSpec, readReleaseSpec } from '@vigie/core/release';
import type { ReleaseStatus } from '@vigie/gateway';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT_FAILED, UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import { jsonReplacer } from '../outputs.js';
import { readTextFile } from '../read-text.js';
import { colors, statusColor } from '../registry/format.js';
import { addRegistryOptions, openCliRegistry, type RegistryFlags } from '../registry/open.js';
import { formatRelease } from '../release/format-release.js';
import { type GatewayClient, gatewayClient } from '../release/gateway-client.js';
import { colorFlag } from './common.js';

const DEFAULT_GATEWAY = 'http://127.0.0.1:7800';
const PREFIX = '/v1/admin/releases';
const ENDED = new Set(['promoted', 'shadow-passed', 'rolled-back', 'failed']);
const FAILED = new Set(['rolled-back', 'failed']);

interface GatewayFlags {
  gateway?: string;
  adminToken?: string;
  json?: boolean;
}

function addGatewayOptions(cmd: Command): Command {
  return cmd
    .option('--gateway <url>', `the gateway (default: VIGIE_GATEWAY or ${DEFAULT_GATEWAY})`)
    .option('--admin-token <token>', "the gateway's admin token (default: VIGIE_ADMIN_TOKEN)")
    .option('--json', 'print the release status as JSON');
}

function clientOf(ctx: CommandContext, flags: GatewayFlags): GatewayClient {
  return gatewayClient(
    flags.gateway ?? ctx.io.env.VIGIE_GATEWAY ?? DEFAULT_GATEWAY,
    flags.adminToken ?? ctx.io.env.VIGIE_ADMIN_TOKEN,
  );
}

async function readSpec(ctx: CommandContext, file: string): Promise<{ raw: unknown; spec: ReleaseSpec }> {
  const text = await readTextFile(resolve(ctx.io.cwd, file), 'release spec', file);
  // One line naming the file, line and field, before anything is sent.
  return readReleaseSpec(text, file);
}

function print(ctx: CommandContext, command: Command, flags: GatewayFlags, status: ReleaseStatus): void {
  if (flags.json) ctx.io.stdout.write(`${JSON.stringify(status, jsonReplacer, 2)}\n`);
  else ctx.io.stdout.write(`${formatRelease(colors(useColor(ctx.io, colorFlag(command))), status)}\n`);
  if (FAILED.has(status.state)) ctx.exitCode = EXIT_FAILED;
}

/** Polls until the release ends or holds (or the timeout), telling each new decision on stderr. */
async function waitFor(
  ctx: CommandContext,
  client: GatewayClient,
  first: ReleaseStatus,
  timeoutMs: number,
): Promise<ReleaseStatus> {
  let status = first;
  let told = 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const h of status.history.slice(told)) ctx.io.stderr.write(`vigie release: ${h.type} ${h.reason}\n`);
    told = status.history.length;
    if (ENDED.has(status.state) || status.state === 'held') return status;
    if (Date.now() > deadline) {
      ctx.exitCode = EXIT_FAILED;
      ctx.io.stderr.write(
        `vigie release: still ${status.state} after ${timeoutMs / 1000} s; it goes on in the gateway\n`,
      );
      return status;
    }
    await new Promise((r) => setTimeout(r, 500));
    status = await client.get<ReleaseStatus>(`${PREFIX}/${encodeURIComponent(status.id)}`);
  }
}

export function registerRelease(program: Command, ctx: CommandContext): void {
  const release = program
    .command('release')
    .summary('progressive releases on a gateway: shadow, canary steps, blue/green, rollback')
    .description(
      'Apply a release spec (YAML: candidate, baseline, offline gates, shadow phase, canary steps, online gates, ' +
        'rollback policy) to a running gateway (vigie serve), follow it and roll it back. Every decision is a ' +
        'release.* event in the registry with its analysis as evidence. Details: docs/releases.md.',
    );

  const apply = release
    .command('apply')
    .summary('start a release from a spec on the gateway (or check its offline gates with --offline)')
    .argument('<spec>', 'the release spec (YAML), see examples/releases/canary.yaml')
    .option('--wait', 'follow the release until it is promoted, rolled back or held (decisions on stderr)')
    .option('--timeout <duration>', 'with --wait: give up waiting after this long (e.g. 90s, 30m)', '30m')
    .option('--offline', 'only check the offline gates in the registry; touch no gateway');
  addGatewayOptions(apply);
  addRegistryOptions(apply);
  apply.addHelpText(
    'after',
    `
Exit codes: 0 started (or promoted, or held: inconclusive, with the reason), 1 the offline gates failed or
the release was rolled back, 2 a bad spec or an unreachable gateway.

Examples:
  $ vigie release apply release.yaml                      start it on http://127.0.0.1:7800
  $ vigie release apply release.yaml --wait --timeout 1h  and follow it to its end
  $ vigie release apply release.yaml --offline            only the offline gates, in the registry`,
  );
  apply.action(
    async (
      file: string,
      flags: GatewayFlags & RegistryFlags & { wait?: boolean; timeout: string; offline?: boolean },
      command: Command,
    ) => {
      const { raw, spec } = await readSpec(ctx, file);
      if (flags.offline) {
        if (!spec.offline) throw new UsageError(`${file}: no "offline" section, so nothing to check offline`);
        await using registry = await openCliRegistry(ctx, flags);
        const verdicts = await checkOfflineGates(registry.store, spec);
        const failed = verdicts.some((v) => v.status === 'fail');
        if (failed) ctx.exitCode = EXIT_FAILED;
        if (flags.json) {
          ctx.io.stdout.write(
            `${JSON.stringify({ candidate: spec.candidate, status: failed ? 'fail' : 'pass', verdicts }, jsonReplacer, 2)}\n`,
          );
          return;
        }
        const c = colors(useColor(ctx.io, colorFlag(command)));
        ctx.io.stdout.write(
          `offline gates of ${spec.candidate}: ${statusColor(c, failed ? 'fail' : 'pass')}\n`,
        );
        for (const v of verdicts)
          ctx.io.stdout.write(`  ${statusColor(c, v.status)} ${v.check} — ${v.reason}\n`);
        return;
      }
      let timeoutMs: number;
      try {
        timeoutMs = parseDuration(flags.timeout);
      } catch (error) {
        throw new UsageError(`--timeout: ${(error as Error).message}`);
      }
      const client = clientOf(ctx, flags);
      let status = await client.post<ReleaseStatus>(PREFIX, raw);
      if (flags.wait) status = await waitFor(ctx, client, status, timeoutMs);
      print(ctx, command, flags, status);
    },
  );

  const status = release
    .command('status')
    .summary("a release's state, latest decision with its checks, and history")
    .argument('<id>', 'the release id, e.g. release:3 (vigie release apply prints it)');
  addGatewayOptions(status);
  status.addHelpText('after', '\nExit codes: 0, or 1 when the release failed or was rolled back.');
  status.action(async (id: string, flags: GatewayFlags, command: Command) => {
    const client = clientOf(ctx, flags);
    print(ctx, command, flags, await client.get<ReleaseStatus>(`${PREFIX}/${encodeURIComponent(id)}`));
  });

  const rollback = release
    .command('rollback')
    .summary('return the traffic to the baseline now, in one route swap')
    .argument('<id>', 'the release id, e.g. release:3')
    .option('--reason <text>', 'why, recorded with the rollback event');
  addGatewayOptions(rollback);
  rollback.action(async (id: string, flags: GatewayFlags & { reason?: string }, command: Command) => {
    const client = clientOf(ctx, flags);
    const s = await client.post<ReleaseStatus>(
      `${PREFIX}/${encodeURIComponent(id)}/rollback`,
      flags.reason ? { reason: flags.reason } : {},
    );
    print(ctx, command, flags, s);
    ctx.exitCode = 0;
  });
}
