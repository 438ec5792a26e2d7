import { extname } from 'node:path';
import { VigieError } from '../errors/index.js';
import { createHttpModel, DEFAULT_HTTP_TIMEOUT_MS } from './http/create-http-model.js';
import type { KserveOptions } from './http/kserve-protocol.js';
import type { HttpProtocolName } from './http/protocol.js';
import { openOnnxModel } from './onnx/open-onnx-model.js';
import type { ModelRuntime } from './runtime.js';
import type { DeclaredSignature } from './signature.js';

/** Where a model is, parsed once: an ONNX file, ONNX bytes, or a model server. */
export type ModelLocation =
  | { kind: 'onnx-file'; path: string }
  | { kind: 'onnx-bytes'; bytes: Uint8Array }
  | { kind: 'http'; url: string };

/** Formats Vigie does not run, with what to do instead. */
const OTHER_FORMATS: Record<string, string> = {
  '.pkl': 'a pickle',
  '.pickle': 'a pickle',
  '.joblib': 'a joblib file',
  '.pt': 'a PyTorch file',
  '.pth': 'a PyTorch file',
  '.h5': 'a Keras file',
  '.keras': 'a Keras file',
  '.pb': 'a TensorFlow graph',
  '.ubj': 'an XGBoost file',
  '.txt': 'a text file',
};

/** `http(s)://...` is a model server; bytes and any other path an ONNX model. */
export function parseModelLocation(location: string | Uint8Array): ModelLocation {
  if (typeof location !== 'string') return { kind: 'onnx-bytes', bytes: location };
  if (/^https?:\/\//i.test(location)) return { kind: 'http', url: location };
  const other = OTHER_FORMATS[extname(location).toLowerCase()];
  if (other)
    throw new VigieError(
      'UNSUPPORTED',
      `${location}: ${other} is not a model Vigie can run; export the model to ONNX (scikit-learn: skl2onnx, see docs/models.md) or serve it over HTTP`,
      { details: { file: location } },
    );
  return { kind: 'onnx-file', path: location };
}

export interface OpenModelOptions extends KserveOptions {
  /** Overrides or completes an ONNX file's signature; required (task, classes) for a model server. */
  signature?: DeclaredSignature;
  /** For a URL. Default 'vigie' (the Vigie gateway). */
  protocol?: HttpProtocolName;
  /** ONNX Runtime's threads. Default: the machine's cores. */
  threads?: number;
  /** Rows per call: 65,536 for ONNX, 1,000 per HTTP request by default. */
  batchRows?: number;
  /** Per HTTP request. Default 30 s. */
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
  /** The name used in messages. */
  label?: string;
  fetch?: typeof fetch;
}

/**
 * Opens a model wherever it is: an `.onnx` file or its bytes (ONNX Runtime in process), or an
 * `http(s)://` model server speaking `options.protocol`.
 *
 * @example
 *   await using model = await openModel('model.onnx');
 *   await using remote = await openModel('http://127.0.0.1:8080/v2/models/clf', {
 *     protocol: 'kserve-v2', signature: { task: 'regression', inputs },
 *   });
 */
export async function openModel(
  location: string | Uint8Array | ModelLocation,
  options: OpenModelOptions = {},
): Promise<ModelRuntime> {
  const where =
    typeof location === 'string' || location instanceof Uint8Array ? parseModelLocation(location) : location;
  switch (where.kind) {
    case 'onnx-file':
    case 'onnx-bytes':
      return openOnnxModel(where.kind === 'onnx-file' ? where.path : where.bytes, {
        ...(options.signature ? { signature: options.signature } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
        ...(options.batchRows !== undefined ? { batchRows: options.batchRows } : {}),
        ...(options.label !== undefined ? { label: options.label } : {}),
      });
    case 'http':
      if (!options.signature)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `${where.url}: a model server does not describe itself: declare its signature (task, classes, inputs)`,
          { details: { field: 'signature' } },
        );
      return createHttpModel({
        url: where.url,
        protocol: options.protocol ?? 'vigie',
        signature: options.signature,
        timeoutMs: options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.batchRows !== undefined ? { batchRows: options.batchRows } : {}),
        ...(options.inputTensor ? { inputTensor: options.inputTensor } : {}),
        ...(options.modelName ? { modelName: options.modelName } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
  }
}
