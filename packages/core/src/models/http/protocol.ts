import type { Column, Table } from '../../table/index.js';
import type { ModelSignature } from '../runtime.js';
import type { BatchSink } from './batch-sink.js';

/** The wire formats an HTTP model speaks. */
export type HttpProtocolName = 'vigie' | 'kserve-v2' | 'mlflow';

export interface BatchRequest {
  table: Table;
  /** The columns to send, in order. */
  columns: readonly Column[];
  start: number;
  n: number;
  signature: ModelSignature;
  /** The URL, for messages. */
  source: string;
}

/** One protocol: where to POST, what to send for a batch, how to read the answer. */
export interface HttpProtocol {
  endpoint(url: URL): URL;
  body(request: BatchRequest): unknown;
  decode(answer: unknown, sink: BatchSink, signature: ModelSignature): void;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
