/** Everything the CLI touches in the outside world, passed in so tests can drive it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr])
    if (!stream.listeners('error').includes(ignoreBrokenPipe)) stream.on('error', ignoreBrokenPipe);
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/**
 * A reader that stops early (`vigie profile data.csv --json | head`) closes the pipe; the writes
 * that follow fail with EPIPE, which is not the user's problem: Node would otherwise crash with an
 * unhandled 'error' event and a stack trace.
 */
function ignoreBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

/** Colours only on a terminal, never when NO_COLOR is set or --no-color is given. */
export function useColor(
  io: CliIo,
  flag: boolean | undefined,
  stream: 'stdout' | 'stderr' = 'stdout',
): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io[stream].isTTY === true;
}
