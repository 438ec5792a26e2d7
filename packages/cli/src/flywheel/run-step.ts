import type { CommandContext } from '../context.js';
import type { RegistryFlags } from '../registry/open.js';

export interface StepOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one `vigie` command in process with the caller's working folder and environment, capturing
 * its output: the flywheel is `vigie train` and `vigie evaluate` run as a user would run them.
 */
export async function runStep(ctx: CommandContext, argv: readonly string[]): Promise<StepOutcome> {
  const { main } = await import('../main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: ctx.io.cwd,
    env: ctx.io.env,
  });
  return { code, stdout, stderr };
}

/** The JSON a step printed with --json (the last JSON document on stdout). */
export function stepJson<T>(outcome: StepOutcome): T | null {
  const text = outcome.stdout.trim();
  const start = text.indexOf('{');
  if (start < 0) return null;
  try {
    return JSON.parse(text.slice(start)) as T;
  } catch {
    return null;
  }
}

/** The registry flags of the flywheel, passed on to its steps. */
export function registryArgs(flags: RegistryFlags): string[] {
  return [
    ...(flags.registry ? ['--registry', flags.registry] : []),
    ...(flags.blobs ? ['--blobs', flags.blobs] : []),
    ...(flags.token ? ['--token', flags.token] : []),
    ...(flags.actor ? ['--actor', flags.actor] : []),
  ];
}
