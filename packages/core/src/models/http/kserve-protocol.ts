import { VigieError } from '../../errors/index.js';
import type { Column } from '../../table/index.js';
import { jsonCells } from './json-cells.js';
import { type BatchRequest, type HttpProtocol, isObject } from './protocol.js';

const DATATYPES = new Set([
  'BOOL',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
]);
const BY_SEMANTIC_TYPE: Record<string, string> = {
  numeric: 'FP32',
  integer: 'INT64',
  boolean: 'BOOL',
  categorical: 'BYTES',
  text: 'BYTES',
  id: 'BYTES',
  datetime: 'BYTES',
};

export interface KserveOptions {
  /** Send every input as one [N, F] FP32 tensor of this name instead of one [N, 1] tensor per column. */
  inputTensor?: string;
  /** The model's name, when the URL is the server's root rather than `/v2/models/NAME`. */
  modelName?: string;
}

interface OutputTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

/** A column's datatype: the signature's type when it is a KServe datatype, else from the semantic type. */
function datatypeOf(col: Column, declared: string | undefined): string {
  if (declared && DATATYPES.has(declared)) return declared;
  return BY_SEMANTIC_TYPE[declared ?? col.type] ?? BY_SEMANTIC_TYPE[col.type]!;
}

function columnData(col: Column, request: BatchRequest): unknown[] {
  const cell = jsonCells(col);
  const data: unknown[] = new Array(request.n);
  for (let i = 0; i < request.n; i++) {
    const v = cell(request.start + i);
    // JSON has no NaN, and the protocol no missing marker: refuse rather than guess.
    if (v === null)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${request.table.source ? `${request.table.source}: ` : ''}column "${col.name}" is missing at row ${request.start + i + 1}, and the KServe v2 protocol cannot send a missing value`,
        { details: { column: col.name, row: request.start + i + 1 } },
      );
    data[i] = v;
  }
  return data;
}

function isTensor(value: unknown): value is OutputTensor {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    typeof value.datatype === 'string' &&
    Array.isArray(value.shape) &&
    Array.isArray(value.data)
  );
}

/**
 * The Open Inference Protocol (KServe v2, Triton, MLServer): POST `/v2/models/NAME/infer` with
 * named input tensors; the answer's outputs are told apart by type and shape: a BYTES or integer
 * tensor of one value per row is the label, an FP tensor [N, K] the probabilities, an FP tensor of
 * one value per row a regression's value. When the signature lists outputs, only those are read.
 */
export function kserveProtocol(options: KserveOptions = {}): HttpProtocol {
  return {
    endpoint(url) {
      const out = new URL(url);
      const path = url.pathname.replace(/\/+$/, '');
      if (/\/v2\/models\/[^/]+(\/versions\/[^/]+)?\/infer$/.test(path)) return out;
      if (/\/v2\/models\/[^/]+(\/versions\/[^/]+)?$/.test(path)) {
        out.pathname = `${path}/infer`;
        return out;
      }
      if (!options.modelName)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `${url.origin}${url.pathname}: a KServe v2 URL names the model: http(s)://HOST/v2/models/NAME[/infer]`,
          { details: { field: 'url' } },
        );
      out.pathname = `${path}/v2/models/${encodeURIComponent(options.modelName)}/infer`;
      return out;
    },
    body(request) {
      const { columns, n, signature } = request;
      if (options.inputTensor) {
        const parts = columns.map((c) => columnData(c, request));
        const data: unknown[] = new Array(n * columns.length);
        parts.forEach((part, j) => {
          for (let i = 0; i < n; i++) data[i * columns.length + j] = part[i];
        });
        return {
          inputs: [{ name: options.inputTensor, shape: [n, columns.length], datatype: 'FP32', data }],
        };
      }
      return {
        inputs: columns.map((c) => ({
          name: c.name,
          shape: [n, 1],
          datatype: datatypeOf(c, signature.inputs.find((f) => f.name === c.name)?.type),
          data: columnData(c, request),
        })),
      };
    },
    decode(answer, sink, signature) {
      const outputs = isObject(answer) ? answer.outputs : undefined;
      if (!Array.isArray(outputs) || !outputs.every(isTensor))
        throw sink.malformed('the answer has no "outputs" list of tensors {name, shape, datatype, data}');
      const named = signature.outputs.map((o) => o.name);
      const candidates = named.length > 0 ? outputs.filter((o) => named.includes(o.name)) : outputs;
      const n = sink.rows;
      const k = signature.classes?.length ?? 0;
      const isFloat = (o: OutputTensor) => o.datatype.startsWith('FP');
      const perRow = (o: OutputTensor) => o.data.length === n && (o.shape.length === 1 || o.shape[1] === 1);
      if (signature.task === 'regression') {
        const values = candidates.find((o) => isFloat(o) && perRow(o));
        if (!values) throw sink.malformed(`no output holds ${n} values (outputs: ${describe(outputs)})`);
        for (let i = 0; i < n; i++) sink.value(i, values.data[i]);
        return;
      }
      const labels = candidates.find((o) => !isFloat(o) && perRow(o));
      const probabilities = candidates.find(
        (o) => isFloat(o) && o.shape.length === 2 && o.shape[1] === k && o.data.length === n * k,
      );
      if (!labels && !probabilities)
        throw sink.malformed(
          `no output holds ${n} labels or ${n} × ${k} probabilities (outputs: ${describe(outputs)})`,
        );
      for (let i = 0; i < n; i++) {
        if (labels) sink.label(i, labels.data[i]);
        if (probabilities) sink.probabilities(i, probabilities.data.slice(i * k, i * k + k));
      }
    },
  };
}

function describe(outputs: readonly OutputTensor[]): string {
  return outputs.map((o) => `${o.name} ${o.datatype}[${o.shape.join(', ')}]`).join(', ') || 'none';
}
