import { SLOTS } from './histogram.js';
import { createWasmHistogramKernel, type WasmHistogramKernel } from './histogram-wasm.js';

/**
 * The arrays the histograms are summed from, allocated together for a fit (with the labels and
 * raw scores, for gradients computed on both threads): the training bins
 * (row-major, and column-major for the column kernel and the row partition), the row order, the
 * gradients and hessians of each output, a node's gathered [g, h] pairs, and two histogram-sized
 * buffers the kernels write into (this thread's and the helper's). When the WebAssembly kernel is
 * available they are views over its one shared memory; otherwise plain typed arrays (in shared
 * memory when a helper thread will read them) for the JavaScript kernel.
 */
export interface HistogramData {
  kernel: WasmHistogramKernel | null;
  bins: Uint8Array;
  /** The same bins column-major (features × rows). */
  columns: Uint8Array;
  idx: Uint32Array;
  /** Room for the right side of a row partition. */
  scratch: Uint32Array;
  gradients: Float32Array[];
  /** The training labels, and the raw scores (row-major rows × outputs). */
  y: Float64Array;
  raw: Float64Array;
  /** Null when every hessian is the same (squared error). */
  hessians: Float32Array[] | null;
  /** Where the WebAssembly kernel sums for this thread, and a node's [g, h] pairs in row order (null without it). */
  out: Float64Array | null;
  ordered: Float64Array | null;
  /** Where the helper thread sums its features. */
  part: Float64Array;
  nFeatures: number;
  stride: number;
}

export interface HistogramShape {
  rows: number;
  nFeatures: number;
  nOutputs: number;
  constantHessian: boolean;
  /** Bins per feature in a histogram. */
  stride: number;
  /** A helper thread will read the arrays (JavaScript kernel: put them in shared memory). */
  shared: boolean;
  /** False to use the JavaScript kernel. */
  wasm?: boolean;
}

export function allocateHistogramData(shape: HistogramShape): HistogramData {
  const { rows: n, nFeatures: f, nOutputs: k, constantHessian, stride } = shape;
  const size = f * stride * SLOTS;
  const nHessians = constantHessian ? 0 : k;
  // Largest elements first, so every view is aligned.
  const bytes = 2 * size * 8 + (3 + k) * n * 8 + (2 + k + nHessians) * n * 4 + 2 * n * f;
  const kernel = shape.wasm === false ? null : createWasmHistogramKernel(bytes);
  if (kernel) {
    const buffer = kernel.memory.buffer;
    let at = 0;
    const take = <T>(make: (offset: number) => T, length: number, width: number): T => {
      const view = make(at);
      at += length * width;
      return view;
    };
    const f64 = (length: number) => take((o) => new Float64Array(buffer, o, length), length, 8);
    const f32 = (length: number) => take((o) => new Float32Array(buffer, o, length), length, 4);
    const out = f64(size);
    const part = f64(size);
    const ordered = f64(2 * n);
    const raw = f64(n * k);
    const y = f64(n);
    const gradients = Array.from({ length: k }, () => f32(n));
    const hessians = constantHessian ? null : Array.from({ length: k }, () => f32(n));
    const idx = take((o) => new Uint32Array(buffer, o, n), n, 4);
    const scratch = take((o) => new Uint32Array(buffer, o, n), n, 4);
    const bins = take((o) => new Uint8Array(buffer, o, n * f), n * f, 1);
    const columns = take((o) => new Uint8Array(buffer, o, n * f), n * f, 1);
    return {
      kernel,
      bins,
      columns,
      idx,
      scratch,
      y,
      raw,
      gradients,
      hessians,
      out,
      ordered,
      part,
      nFeatures: f,
      stride,
    };
  }
  const array = <T extends Float32Array | Float64Array | Uint32Array | Uint8Array>(
    kind: { new (buffer: SharedArrayBuffer | ArrayBuffer): T; BYTES_PER_ELEMENT: number },
    length: number,
  ): T =>
    new kind(
      shape.shared
        ? new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT)
        : new ArrayBuffer(length * kind.BYTES_PER_ELEMENT),
    );
  return {
    kernel: null,
    bins: array(Uint8Array, n * f),
    columns: new Uint8Array(n * f),
    idx: array(Uint32Array, n),
    scratch: new Uint32Array(n),
    y: array(Float64Array, n),
    raw: array(Float64Array, n * k),
    gradients: Array.from({ length: k }, () => array(Float32Array, n)),
    hessians: constantHessian ? null : Array.from({ length: k }, () => array(Float32Array, n)),
    out: null,
    ordered: null,
    part: array(Float64Array, size),
    nFeatures: f,
    stride,
  };
}
