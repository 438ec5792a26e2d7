import { isVigieError } from '@vigie/core/errors';

/** 0: nothing failed (warnings allowed); 1: a check failed; 2: usage or input error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage error raised by the CLI itself (bad flag combination, missing argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One line for the user; the stack only with --debug. */
export function formatError(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  if (!debug) return `vigie: error: ${first}\n`;
  const stack = error instanceof Error && error.stack ? error.stack : '';
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? `\ncaused by: ${error.cause.stack ?? error.cause.message}`
      : '';
  return `vigie: error: ${message}\n${stack}${cause}\n`;
}

/** User and input errors exit 2; anything unexpected too, but the user is told it is a bug. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || isVigieError(error)) return EXIT_USAGE;
  return EXIT_USAGE;
}

export function isExpectedError(error: unknown): boolean {
  return error instanceof UsageError || (isVigieError(error) && error.code !== 'INTERNAL');
}
