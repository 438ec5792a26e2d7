/**
 * The closed set of stable error codes. Tools and tests match on these, never on messages.
 * The CLI maps them to exit codes and the servers to HTTP statuses; the library never does.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'PARSE_ERROR'
  | 'EMPTY_INPUT'
  | 'COLUMN_NOT_FOUND'
  | 'TYPE_MISMATCH'
  | 'UNSUPPORTED'
  | 'INTEGRITY'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** A rule refused the operation (readiness, approval); the message lists what is missing. */
  | 'REFUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INPUT_TOO_LARGE'
  | 'INTERNAL';

export interface VigieErrorOptions {
  cause?: unknown;
  /** Where the problem is, for the one-line message: file, row (1-based), column, field. */
  details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** The one error class of Vigie. `code` is stable; `message` is one human line. */
export class VigieError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;

  constructor(code: ErrorCode, message: string, options: VigieErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VigieError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isVigieError(value: unknown): value is VigieError {
  return value instanceof VigieError;
}
