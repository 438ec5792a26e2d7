/**
 * The gateway's HTTP error codes (the `error.code` of every non-2xx answer). Stable: clients
 * match on them, never on messages.
 */
export type GatewayErrorCode =
  | 'INVALID_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'INVALID_INPUT'
  | 'BATCH_TOO_LARGE'
  | 'UNKNOWN_MODEL'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'INVALID_MODEL_OUTPUT'
  | 'MODEL_ERROR'
  | 'MODEL_TIMEOUT'
  | 'UNKNOWN_PREDICTION'
  | 'FEEDBACK_UNAVAILABLE'
  | 'LOG_UNAVAILABLE'
  | 'NOT_READY'
  | 'INTERNAL';

/** An answer other than 2xx: its status, code and one-line message (never the request's payload). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: GatewayErrorCode;

  constructor(status: number, code: GatewayErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

export const badInput = (message: string): HttpError => new HttpError(400, 'INVALID_INPUT', message);
