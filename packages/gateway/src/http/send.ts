import type { ServerResponse } from 'node:http';
import type { GatewayErrorCode } from './http-error.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Sends `text` (already JSON) with its length, so keep-alive connections stay reusable. */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** `{"error": {"code", "message"}}`: the one shape of every error the gateway answers. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: GatewayErrorCode,
  message: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="vigie"' } : {};
  const text = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { ...JSON_HEADERS, ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
