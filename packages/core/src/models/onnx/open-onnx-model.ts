import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { isVigieError, VigieError } from '../../errors/index.js';
import type { Table } from '../../table/index.js';
import { allocatePredictions } from '../predictions.js';
import type { ModelRuntime, Predictions, PredictOptions } from '../runtime.js';
import {
  type DeclaredSignature,
  mergeSignatures,
  parseSignatureJson,
  SIGNATURE_METADATA_KEY,
} from '../signature.js';
import { clampProbabilities, validatePredictions } from '../validate-predictions.js';
import { readOnnxFile } from './onnx-file.js';
import { bindInputs, MISSING_TEXT_METADATA_KEY, missingInputsAt } from './onnx-inputs.js';
import { createOutputDecoder } from './onnx-outputs.js';
import { type OnnxPlan, planOnnxModel, prepareModel } from './onnx-plan.js';

/** Rows per ONNX Runtime call: bounds the memory of the input and output tensors. */
export const DEFAULT_BATCH_ROWS = 65_536;

export interface OnnxModelOptions {
  /** Overrides or completes what the file says (task, classes, feature order). */
  signature?: DeclaredSignature;
  /** ONNX Runtime's intra-op threads. Default: the machine's cores. */
  threads?: number;
  /** Rows per call. Default 65,536. */
  batchRows?: number;
  /** The name used in messages. Default: the path, or "ONNX model" for bytes. */
  label?: string;
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read the model (${code ?? 'error'})`,
      { cause, details: { file: path } },
    );
  }
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}

/**
 * Opens an ONNX model (a path or the file's bytes) with ONNX Runtime (CPU) and reads its signature:
 * inputs and outputs from the graph, classes from the ai.onnx.ml operators (LinearClassifier,
 * TreeEnsembleClassifier, SVMClassifier, ZipMap), and a `vigie.signature` JSON metadata entry when
 * there is one; `options.signature` overrides both. Tables are fed either as one [N, F] float
 * tensor (features in the signature's input order) or as one [N, 1] tensor per column.
 *
 * @example
 *   await using model = await openOnnxModel('penguins.onnx');
 *   const { labels, probabilities, classes } = await model.predict(table);
 */
export async function openOnnxModel(
  source: string | Uint8Array,
  options: OnnxModelOptions = {},
): Promise<ModelRuntime> {
  const label = options.label ?? (typeof source === 'string' ? source : 'ONNX model');
  const bytes = typeof source === 'string' ? await readModelFile(source) : source;
  const file = readOnnxFile(bytes, label);
  const metadataText = file.metadata.get(SIGNATURE_METADATA_KEY);
  const fromFile = metadataText
    ? parseSignatureJson(metadataText, `${label}: metadata "${SIGNATURE_METADATA_KEY}"`)
    : undefined;
  const declared = mergeSignatures(fromFile, options.signature);
  const prepared = prepareModel(file, declared, label);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isSafeInteger(batchRows) || batchRows < 1)
    throw new VigieError('INVALID_ARGUMENT', `batchRows must be a positive integer, got ${batchRows}`);
  // Loaded on first use: importing @vigie/core/models does not load the native runtime.
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(prepared.bytes, {
      intraOpNumThreads: options.threads ?? availableParallelism(),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // The library never prints: ONNX Runtime's warnings would go to stderr.
      logSeverityLevel: 3,
      // Idle threads sleep instead of spinning: batches are large, and spinning threads burn the
      // CPU that other work on the machine (or the next batch's preparation) needs.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
  } catch (cause) {
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: ONNX Runtime cannot load the model (${firstLine(cause)})`,
      {
        cause,
        details: { file: label },
      },
    );
  }
  try {
    const plan = planOnnxModel(session, prepared, declared, label);
    return createOnnxRuntime(
      session,
      ort.Tensor,
      plan,
      label,
      batchRows,
      file.metadata.get(MISSING_TEXT_METADATA_KEY),
    );
  } catch (error) {
    await session.release();
    throw error;
  }
}

function createOnnxRuntime(
  session: InferenceSession,
  TensorClass: typeof Tensor,
  plan: OnnxPlan,
  label: string,
  batchRows: number,
  missingText: string | undefined,
): ModelRuntime {
  const { signature } = plan;
  let released = false;
  return {
    format: 'onnx',
    signature,
    async predict(table: Table, predictOptions: PredictOptions = {}): Promise<Predictions> {
      if (released) throw new VigieError('INVALID_ARGUMENT', `${label}: the model was closed`);
      const feed = bindInputs(plan.inputs, table, label, TensorClass, missingText);
      const predictions = allocatePredictions(signature, table.rowCount, plan.outputs.probabilities !== null);
      const decode = createOutputDecoder(plan.outputs, predictions, label);
      for (let start = 0; start < table.rowCount; start += batchRows) {
        const n = Math.min(batchRows, table.rowCount - start);
        let results: InferenceSession.ReturnType;
        try {
          results = await session.run(feed(start, n), plan.outputs.fetches);
        } catch (cause) {
          if (isVigieError(cause)) throw cause;
          throw new VigieError(
            'INVALID_ARGUMENT',
            `${label}: ONNX Runtime failed on rows ${start + 1}-${start + n} (${firstLine(cause)})`,
            { cause, details: { file: label, row: start + 1 } },
          );
        }
        decode(results as Parameters<typeof decode>[0], start, n);
        predictOptions.onProgress?.(start + n, table.rowCount);
      }
      try {
        validatePredictions(predictions, table.rowCount, label);
        clampProbabilities(predictions);
      } catch (error) {
        throw withMissingHint(error, plan.inputs, table);
      }
      return predictions;
    },
    async [Symbol.asyncDispose]() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}

/** An invalid output on a row with missing inputs says so: the likely cause is the model's NaN. */
function withMissingHint(error: unknown, inputs: OnnxPlan['inputs'], table: Table): unknown {
  if (!isVigieError(error) || typeof error.details.row !== 'number') return error;
  const missing = missingInputsAt(inputs, table, error.details.row - 1);
  if (missing.length === 0) return error;
  return new VigieError(
    error.code,
    `${error.message} (the row is missing ${missing.join(', ')}; this model may not take missing values)`,
    { cause: error, details: { ...error.details, column: missing[0]! } },
  );
}
