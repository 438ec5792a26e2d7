import { type ErrorCode, isVigieError } from '@vigie/core/errors';

/** The one place where error codes become HTTP statuses. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  INVALID_CONFIG: 400,
  PARSE_ERROR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REFUSED: 409,
  INPUT_TOO_LARGE: 413,
  // The bytes do not hash to their address: the request (or the stored blob) is unprocessable.
  INTEGRITY: 422,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, string | number | boolean | null> };
}

/**
 * The status and body for an error. Expected errors keep the library's one-line message and
 * details; anything else is a 500 that shows no internals (the caller logs the error).
 */
export function errorReply(error: unknown): { status: number; body: ErrorBody; expected: boolean } {
  if (isVigieError(error) && statusFor(error.code) !== 500) {
    const details = Object.keys(error.details).length > 0 ? { details: { ...error.details } } : {};
    return {
      status: statusFor(error.code),
      body: { error: { code: error.code, message: error.message, ...details } },
      expected: true,
    };
  }
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal server error (the server log has the details)' } },
    expected: false,
  };
}

export function errorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const { status, body } = errorReply(error);
  return Response.json(body, { status, headers });
}

/** A route or method the API does not have: answered like any other error, in JSON. */
export function routeError(
  status: 404 | 405,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { code: status === 404 ? 'NOT_FOUND' : 'UNSUPPORTED', message } } satisfies ErrorBody,
    { status, headers },
  );
}
