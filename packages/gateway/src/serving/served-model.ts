import { type DeclaredSignature, type ModelRuntime, openModel } from '@vigie/core/models';
import type { ServedModel } from '../routing/route.js';

export interface ServeModelOptions {
  /** `name@version` as answered in `modelVersion`. Default: the file name. */
  ref?: string;
  /** The version label in metrics and records. Default: what follows the @ of `ref`, else the ref. */
  version?: string;
  signature?: DeclaredSignature;
  beta?: boolean;
  /**
   * ONNX Runtime's intra-op threads. Default 1: a request of a few rows gains nothing from more,
   * and concurrent requests keep the cores busy.
   */
  threads?: number;
}

/** A loaded model runtime as a ServedModel (its signature is the runtime's). */
export function servedModel(
  model: ModelRuntime,
  ref: string,
  options: { version?: string; beta?: boolean } = {},
): ServedModel {
  const at = ref.lastIndexOf('@');
  return {
    ref,
    version: options.version ?? (at > 0 ? ref.slice(at + 1) : ref),
    model,
    signature: model.signature,
    beta: options.beta === true,
  };
}

/**
 * Opens a model to serve: an `.onnx` file or its bytes (ONNX Runtime in process) or an `http(s)://`
 * model server (its signature must be declared). Dispose `served.model` when done.
 *
 * @example
 *   const served = await loadServedModel('penguins.onnx', { ref: 'penguins@3' });
 */
export async function loadServedModel(
  location: string | Uint8Array,
  options: ServeModelOptions = {},
): Promise<ServedModel> {
  const ref = options.ref ?? (typeof location === 'string' ? location : 'model');
  const model = await openModel(location, {
    threads: options.threads ?? 1,
    label: ref,
    ...(options.signature ? { signature: options.signature } : {}),
  });
  return servedModel(model, ref, {
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(options.beta !== undefined ? { beta: options.beta } : {}),
  });
}
