import { readFile } from 'node:fs/promises';
import { VigieError } from '../../errors/index.js';
import type { Matrix } from '../../stats/index.js';
import type { Table } from '../../table/index.js';
import {
  type DeclaredSignature,
  mergeSignatures,
  parseSignatureJson,
  SIGNATURE_METADATA_KEY,
} from '../signature.js';
import { exposeOutputs, readOnnxFile } from './onnx-file.js';
import { inputSignature, planInputs } from './onnx-input-plan.js';
import { bindInputs, MISSING_TEXT_METADATA_KEY } from './onnx-inputs.js';

const EXPOSED = 'vigie_exposed_tensor';
const ONNX_DOUBLE = 11;

/** Computes one intermediate [N, F] tensor of an ONNX model for the rows of a table. */
export interface OnnxTensorRunner extends AsyncDisposable {
  /** The raw columns the model reads, in its order. */
  readonly columns: string[];
  run(table: Table): Promise<Matrix>;
}

/**
 * Runs an ONNX model's graph only up to `tensor` (e.g. the input of its tree ensemble, the
 * features its front — imputers, encoders, concatenations — computes from the raw columns): the
 * tensor is cast to double and added as a graph output, and ONNX Runtime computes only what that
 * output needs. The front is run by ONNX Runtime itself, so every operator it supports is
 * computed exactly as when the model predicts. Columns are bound as `openOnnxModel` binds them
 * (the same signature rules).
 */
export async function openOnnxTensorRunner(
  source: string | Uint8Array,
  tensor: string,
  options: { signature?: DeclaredSignature; label?: string } = {},
): Promise<OnnxTensorRunner> {
  const label = options.label ?? (typeof source === 'string' ? source : 'ONNX model');
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  const file = readOnnxFile(bytes, label);
  const metadataText = file.metadata.get(SIGNATURE_METADATA_KEY);
  const declared = mergeSignatures(
    metadataText
      ? parseSignatureJson(metadataText, `${label}: metadata "${SIGNATURE_METADATA_KEY}"`)
      : undefined,
    options.signature,
  );
  const exposed = exposeOutputs(
    file,
    [{ name: EXPOSED, elemType: ONNX_DOUBLE }],
    [
      {
        opType: 'Cast',
        domain: '',
        inputs: [tensor],
        outputs: [EXPOSED],
        attributes: [{ name: 'to', int: ONNX_DOUBLE }],
      },
    ],
  );
  const ort = await import('onnxruntime-node');
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(exposed, { logSeverityLevel: 3, interOpNumThreads: 1 });
  } catch (cause) {
    throw new VigieError('UNSUPPORTED', `${label}: ONNX Runtime cannot compute "${tensor}" on its own`, {
      cause,
    });
  }
  const plan = planInputs(session.inputMetadata, declared, label);
  const missingText = file.metadata.get(MISSING_TEXT_METADATA_KEY);
  return {
    columns: inputSignature(plan, declared).map((f) => f.name),
    async run(table: Table): Promise<Matrix> {
      const feed = bindInputs(plan, table, label, ort.Tensor, missingText)(0, table.rowCount);
      const out = (await session.run(feed, [EXPOSED]))[EXPOSED]!;
      const cols = out.dims.length === 2 ? Number(out.dims[1]) : 1;
      return { data: Float64Array.from(out.data as Float64Array), rows: table.rowCount, cols };
    },
    async [Symbol.asyncDispose]() {
      await session.release();
    },
  };
}
