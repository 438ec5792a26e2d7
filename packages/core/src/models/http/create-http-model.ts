import { VigieError } from '../../errors/index.js';
import type { Table } from '../../table/index.js';
import type { ModelRuntime, Predictions, PredictOptions } from '../runtime.js';
import { completeSignature, type DeclaredSignature } from '../signature.js';
import { clampProbabilities, validatePredictions } from '../validate-predictions.js';
import { createPredictionCollector } from './batch-sink.js';
import { inputColumns } from './json-cells.js';
import { type KserveOptions, kserveProtocol } from './kserve-protocol.js';
import { mlflowProtocol } from './mlflow-protocol.js';
import type { HttpProtocol, HttpProtocolName } from './protocol.js';
import { vigieProtocol } from './vigie-protocol.js';

export const HTTP_PROTOCOLS: readonly HttpProtocolName[] = ['vigie', 'kserve-v2', 'mlflow'];

export interface HttpModelOptions extends KserveOptions {
  /**
   * vigie: the URL is the gateway's predict endpoint; kserve-v2: `http(s)://HOST/v2/models/NAME`
   * (or the root with `modelName`); mlflow: the scoring server's root or its `/invocations`.
   */
  url: string;
  protocol: HttpProtocolName;
  /** What the remote model takes and gives: the task, the classes, the input columns. */
  signature: DeclaredSignature;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Sent with every request, e.g. `authorization`. Never shown in messages. */
  headers?: Readonly<Record<string, string>>;
  /** Rows per request. Default 1,000. */
  batchRows?: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

export const DEFAULT_HTTP_BATCH_ROWS = 1000;
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

const PROTOCOLS: Record<HttpProtocolName, (o: KserveOptions) => HttpProtocol> = {
  vigie: () => vigieProtocol,
  'kserve-v2': kserveProtocol,
  mlflow: () => mlflowProtocol,
};

/** What the server's status means for the caller. */
function codeFor(status: number): VigieError['code'] {
  if (status === 400 || status === 422) return 'INVALID_ARGUMENT';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'INPUT_TOO_LARGE';
  return 'FILE_UNREADABLE';
}

/** The server's own words, when its error body has some: one line, at most 200 characters. */
function serverDetail(text: string): string {
  let detail = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const e = body.error ?? body.message ?? body.detail;
    detail =
      typeof e === 'string'
        ? e
        : typeof (e as { message?: unknown })?.message === 'string'
          ? (e as { message: string }).message
          : text;
  } catch {
    // not JSON: the text itself
  }
  const line = detail.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/** The URL for messages: no credentials, no query (which may hold a key). */
function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * A model behind an HTTP server, called the same way as an ONNX model: rows go in batches (one
 * request at a time), each answer is checked (one prediction per row, known classes, probabilities
 * summing to 1 within 1e-6, finite values) and never silently used when malformed. Errors are one
 * line naming the URL and, for an HTTP error, the status.
 *
 * @example
 *   await using model = createHttpModel({
 *     url: 'http://127.0.0.1:8080/v2/models/penguins', protocol: 'kserve-v2',
 *     signature: { task: 'classification', classes: ['Adelie', 'Chinstrap', 'Gentoo'], inputs },
 *   });
 */
export function createHttpModel(options: HttpModelOptions): ModelRuntime {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch (cause) {
    throw new VigieError('INVALID_ARGUMENT', `"${options.url}" is not a URL`, {
      cause,
      details: { field: 'url' },
    });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new VigieError('INVALID_ARGUMENT', `"${shown(base)}" is not an http(s) URL`, {
      details: { field: 'url' },
    });
  const make = PROTOCOLS[options.protocol];
  if (!make)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `unknown protocol "${options.protocol}" (expected ${HTTP_PROTOCOLS.join(', ')})`,
      { details: { field: 'protocol' } },
    );
  const protocol = make(options);
  const endpoint = protocol.endpoint(base);
  const source = shown(endpoint);
  const signature = completeSignature(options.signature, source);
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const batchRows = options.batchRows ?? DEFAULT_HTTP_BATCH_ROWS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };

  async function post(body: unknown): Promise<unknown> {
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = () =>
      new VigieError('FILE_UNREADABLE', `${source}: no answer within ${timeoutMs} ms`, {
        details: { file: source },
      });
    let response: Response;
    try {
      response = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal });
    } catch (cause) {
      if (signal.aborted) throw timedOut();
      const reason = (cause as { cause?: Error }).cause?.message ?? (cause as Error).message;
      throw new VigieError('FILE_UNREADABLE', `${source}: cannot reach the model server (${reason})`, {
        cause,
        details: { file: source },
      });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (signal.aborted) throw timedOut();
      throw new VigieError(
        'FILE_UNREADABLE',
        `${source}: the answer was cut off (${(cause as Error).message})`,
        {
          cause,
          details: { file: source },
        },
      );
    }
    if (!response.ok) {
      const detail = serverDetail(text);
      throw new VigieError(
        codeFor(response.status),
        `${source}: the model server answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`.trimEnd(),
        { details: { file: source, status: response.status } },
      );
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new VigieError(
        'PARSE_ERROR',
        `${source}: the answer is not JSON (${JSON.stringify(text.slice(0, 60))})`,
        {
          cause,
          details: { file: source },
        },
      );
    }
  }

  return {
    format: `http:${options.protocol}`,
    signature,
    async predict(table: Table, predictOptions: PredictOptions = {}): Promise<Predictions> {
      const columns = inputColumns(
        table,
        signature.inputs.map((f) => f.name),
        source,
      );
      const collector = createPredictionCollector(signature, table.rowCount, source);
      for (let start = 0; start < table.rowCount; start += batchRows) {
        const n = Math.min(batchRows, table.rowCount - start);
        const answer = await post(protocol.body({ table, columns, start, n, signature, source }));
        protocol.decode(answer, collector.sink(start, n), signature);
        predictOptions.onProgress?.(start + n, table.rowCount);
      }
      const predictions = collector.finish();
      validatePredictions(predictions, table.rowCount, source);
      clampProbabilities(predictions);
      return predictions;
    },
    async [Symbol.asyncDispose]() {
      // Nothing held: each request stands alone.
    },
  };
}
